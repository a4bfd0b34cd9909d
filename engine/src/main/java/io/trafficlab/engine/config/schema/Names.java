package io.trafficlab.engine.config.schema;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes name rules for metadata (apimachinery {@code validation.IsDNS1123Subdomain},
 * {@code IsDNS1123Label}, {@code IsQualifiedName}, {@code IsValidLabelValue}). Each check returns
 * the problem in Kubernetes' words, or empty when the value is fine.
 */
final class Names {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private Names() {}

  static Optional<String> dns1123Subdomain(String v) {
    if (v.length() > 253) {
      return Optional.of("must be no more than 253 characters");
    }
    if (!SUBDOMAIN.matcher(v).matches()) {
      return Optional.of("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
          + "characters, '-' or '.', and must start and end with an alphanumeric character");
    }
    return Optional.empty();
  }

  static Optional<String> dns1123Label(String v) {
    if (v.length() > 63) {
      return Optional.of("must be no more than 63 characters");
    }
    if (!LABEL.matcher(v).matches()) {
      return Optional.of("a lowercase RFC 1123 label must consist of lower case alphanumeric "
          + "characters or '-', and must start and end with an alphanumeric character");
    }
    return Optional.empty();
  }

  /** Label and annotation keys: {@code [prefix/]name}. */
  static Optional<String> qualifiedName(String v) {
    String name = v;
    int slash = v.indexOf('/');
    if (slash >= 0) {
      String prefix = v.substring(0, slash);
      name = v.substring(slash + 1);
      if (prefix.isEmpty()) {
        return Optional.of("prefix part must be non-empty");
      }
      Optional<String> p = dns1123Subdomain(prefix);
      if (p.isPresent()) {
        return Optional.of("prefix part " + p.get());
      }
    }
    if (name.isEmpty()) {
      return Optional.of("name part must be non-empty");
    }
    if (name.length() > 63) {
      return Optional.of("name part must be no more than 63 characters");
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      return Optional.of("name part must consist of alphanumeric characters, '-', '_' or '.', and "
          + "must start and end with an alphanumeric character");
    }
    return Optional.empty();
  }

  static Optional<String> labelValue(String v) {
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.length() > 63) {
      return Optional.of("must be no more than 63 characters");
    }
    if (!QUALIFIED_NAME.matcher(v).matches()) {
      return Optional.of("a valid label must be an empty string or consist of alphanumeric "
          + "characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }
    return Optional.empty();
  }

  /** A nearby valid name, for hints: {@code Reviews_V1} -> {@code reviews-v1}. */
  static String suggestion(String v, boolean allowDots) {
    String s = v.toLowerCase(Locale.ROOT).replaceAll(allowDots ? "[^a-z0-9.-]" : "[^a-z0-9-]", "-");
    s = s.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    if (s.length() > (allowDots ? 253 : 63)) {
      s = s.substring(0, allowDots ? 253 : 63).replaceAll("[^a-z0-9]+$", "");
    }
    return s.isEmpty() ? "my-name" : s;
  }
}
