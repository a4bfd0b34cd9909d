package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Name rules of Istio's validation (istio/istio {@code pkg/config/labels}, {@code agent/validation.go}):
 * DNS-1123 labels, FQDNs with an optional left-most wildcard, IP addresses and CIDR blocks. Each
 * check returns Istio's reason text, or empty when the name is fine.
 */
final class HostRules {
  private HostRules() {}

  private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
  private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|(?:\\*|\\*-)?" + LABEL);
  private static final Pattern QUALIFIED_NAME = Pattern.compile("(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_KEY = Pattern.compile(
      "(" + LABEL + "(?:\\." + LABEL + ")*/)?(" + "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]" + ")");
  private static final int LABEL_MAX = 63;

  static boolean isDns1123Label(String s) {
    return s.length() <= LABEL_MAX && DNS1123_LABEL.matcher(s).matches();
  }

  static boolean isWildcardLabel(String s) {
    return s.length() <= LABEL_MAX && WILDCARD_LABEL.matcher(s).matches();
  }

  /** Istio's {@code ValidateWildcardDomain}: an FQDN or short name, wildcard allowed in the first label. */
  static Optional<String> wildcardDomain(String domain) {
    Optional<String> pre = preconditions(domain);
    if (pre.isPresent()) {
      return pre;
    }
    int dot = domain.indexOf('.');
    String first = dot < 0 ? domain : domain.substring(0, dot);
    if (!isWildcardLabel(first)) {
      return Optional.of(invalidLabel(domain, first));
    }
    return dot < 0 ? Optional.empty() : labels(domain.substring(dot + 1));
  }

  /** Istio's {@code ValidateFQDN}: every label a DNS-1123 label, no wildcard. */
  static Optional<String> fqdn(String domain) {
    Optional<String> pre = preconditions(domain);
    return pre.isPresent() ? pre : labels(domain);
  }

  private static Optional<String> preconditions(String name) {
    if (name.length() > 255) {
      return Optional.of("domain name " + q(name) + " too long (max 255)");
    }
    if (name.isEmpty()) {
      return Optional.of("empty domain name not allowed");
    }
    return Optional.empty();
  }

  private static Optional<String> labels(String domain) {
    String[] parts = domain.split("\\.", -1);
    String tld = parts[parts.length - 1];
    if (tld.matches("[-+]?[0-9]+")) {
      return Optional.of("domain name " + q(domain) + " invalid (top level domain "
          + q(tld) + " cannot be all-numeric)");
    }
    for (int i = 0; i < parts.length; i++) {
      // A trailing dot (istio.io.) is allowed.
      if (i == parts.length - 1 && parts[i].isEmpty()) {
        return Optional.empty();
      }
      if (!isDns1123Label(parts[i])) {
        return Optional.of(invalidLabel(domain, parts[i]));
      }
    }
    return Optional.empty();
  }

  private static String invalidLabel(String domain, String label) {
    return "domain name " + q(domain) + " invalid (label " + q(label) + " invalid)";
  }

  /** Kubernetes label key ({@code app}, {@code example.com/tier}). */
  static boolean isLabelKey(String k) {
    if (k.length() > 253 + 1 + LABEL_MAX) {
      return false;
    }
    var m = LABEL_KEY.matcher(k);
    if (!m.matches()) {
      return false;
    }
    String prefix = m.group(1);
    if (prefix != null && prefix.length() - 1 > 253) {
      return false;
    }
    return m.group(2).length() <= LABEL_MAX;
  }

  /** Kubernetes label value (may be empty). */
  static boolean isLabelValue(String v) {
    return v.isEmpty() || (v.length() <= 1024 && QUALIFIED_NAME.matcher(v).matches());
  }

  /** An IPv4 or IPv6 address literal (Go {@code netip.ParseAddr}). */
  static boolean isIp(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
          || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    int pct = s.indexOf('%');
    String a = pct >= 0 ? s.substring(0, pct) : s;
    if (!a.contains(":") || a.length() > 45) {
      return false;
    }
    int dbl = a.indexOf("::");
    if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    String[] halves = dbl >= 0 ? new String[] {a.substring(0, dbl), a.substring(dbl + 2)} : new String[] {a};
    int groups = 0;
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] gs = halves[h].split(":", -1);
      for (int i = 0; i < gs.length; i++) {
        String g = gs[i];
        boolean last = h == halves.length - 1 && i == gs.length - 1;
        if (last && g.contains(".")) {
          if (!isIpv4(g)) {
            return false;
          }
          groups += 2;
          continue;
        }
        if (g.isEmpty() || g.length() > 4 || !g.matches("[0-9a-fA-F]+")) {
          return false;
        }
        groups++;
      }
    }
    return dbl >= 0 ? groups < 8 : groups == 8;
  }

  /** {@code a.b.c.d/nn}, an IPv6 prefix, or a plain address. */
  static boolean isIpOrCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return isIp(s);
    }
    String addr = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    if (!bits.matches("[0-9]{1,3}")) {
      return false;
    }
    int b = Integer.parseInt(bits);
    return (isIpv4(addr) && b <= 32) || (isIpv6(addr) && !addr.contains("%") && b <= 128);
  }

}
