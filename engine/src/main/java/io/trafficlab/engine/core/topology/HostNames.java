package io.trafficlab.engine.core.topology;

import java.util.Locale;

/**
 * Host name rules shared by analysis and routing (istio-semantics §4, §5): short-name resolution and
 * wildcard matching.
 */
public final class HostNames {
  private HostNames() {}

  /**
   * Resolves a VirtualService/DestinationRule host the way Istio does
   * ({@code ResolveShortnameToFQDN}): a name without a dot is a service in {@code namespace}; a name
   * with a dot is taken as written; {@code *} and {@code *.suffix} stay as they are.
   */
  public static String resolve(String host, String namespace) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("*") || h.contains(".")) {
      return h;
    }
    return h + "." + namespace + "." + Topology.CLUSTER_DOMAIN;
  }

  public static boolean isWildcard(String host) {
    return host.startsWith("*");
  }

  /**
   * True when {@code pattern} covers {@code host}: equal, {@code *}, or {@code *.suffix} matching any
   * name that ends with {@code .suffix} (one or more labels; not the suffix itself).
   */
  public static boolean matches(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (p.equals("*") || p.equals(h)) {
      return true;
    }
    if (p.startsWith("*.")) {
      String suffix = p.substring(1);
      return h.endsWith(suffix) && h.length() > suffix.length();
    }
    return false;
  }

  /**
   * The narrower of two hosts when they overlap (Istio's {@code host.Name} intersection), or null
   * when they do not: {@code *.example.com} ∩ {@code a.example.com} = {@code a.example.com}.
   */
  public static String intersection(String a, String b) {
    if (matches(a, b)) {
      return b.toLowerCase(Locale.ROOT);
    }
    if (matches(b, a)) {
      return a.toLowerCase(Locale.ROOT);
    }
    return null;
  }

  /** Strips a {@code :port} suffix from a Host header value. */
  public static String stripPort(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end < 0 ? authority : authority.substring(0, end + 1);
    }
    int colon = authority.lastIndexOf(':');
    if (colon > 0 && authority.indexOf(':') == colon
        && authority.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      return authority.substring(0, colon);
    }
    return authority;
  }
}
