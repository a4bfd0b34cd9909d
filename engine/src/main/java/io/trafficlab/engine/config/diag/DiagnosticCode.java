package io.trafficlab.engine.config.diag;

/**
 * The one catalogue of diagnostic codes, ordered by code. Never reuse a retired code: mark it
 * {@code // TLxxxx RETIRED} instead. Templates use {@link String#format} placeholders; values that
 * the user wrote are quoted by the caller with {@link #q(Object)}.
 *
 * <ul>
 *   <li>TL00xx input: encoding, size and YAML syntax (layer schema)
 *   <li>TL01xx documents: kinds, apiVersions, metadata (layer schema)
 *   <li>TL1xxx schema: fields, types, enums, oneOf, durations, percentages
 *   <li>TL2xxx webhook semantics (Istio's admission validation)
 *   <li>IST0xxx and TL3xxx analysis (istioctl analyze and our own cross-resource checks)
 *   <li>TL4xxx case files (the case format, DESIGN §5)
 * </ul>
 */
public enum DiagnosticCode {
  // ---- TL00xx input ----
  TL0001("TL0001", Severity.ERROR, Layer.SCHEMA, "input is larger than the limit of %s bytes (%s bytes)"),
  TL0002("TL0002", Severity.ERROR, Layer.SCHEMA, "input is not valid UTF-8 (invalid byte at offset %s)"),
  TL0003("TL0003", Severity.ERROR, Layer.SCHEMA, "YAML syntax error: %s"),
  TL0004("TL0004", Severity.ERROR, Layer.SCHEMA, "tab character used for indentation"),
  TL0005("TL0005", Severity.ERROR, Layer.SCHEMA, "duplicate key %s (first defined at line %s, column %s)"),
  TL0006("TL0006", Severity.ERROR, Layer.SCHEMA, "too many documents: more than %s in one file"),
  TL0007("TL0007", Severity.ERROR, Layer.SCHEMA, "nesting deeper than %s levels"),
  TL0008("TL0008", Severity.ERROR, Layer.SCHEMA, "scalar longer than %s characters"),
  TL0009("TL0009", Severity.ERROR, Layer.SCHEMA, "YAML aliases expand to more than %s nodes"),
  TL0010("TL0010", Severity.ERROR, Layer.SCHEMA, "YAML merge keys (<<) are not supported"),
  TL0011("TL0011", Severity.ERROR, Layer.SCHEMA, "tag %s is not allowed"),
  TL0012("TL0012", Severity.ERROR, Layer.SCHEMA, "mapping keys must be plain strings, found a %s"),
  TL0013("TL0013", Severity.ERROR, Layer.SCHEMA, "input contains control character %s"),
  TL0014("TL0014", Severity.ERROR, Layer.SCHEMA, "JSON syntax error: %s"),
  TL0015("TL0015", Severity.ERROR, Layer.SCHEMA, "recursive YAML alias %s"),
  TL0016("TL0016", Severity.ERROR, Layer.SCHEMA, "input is binary data, not YAML text"),
  TL0017("TL0017", Severity.ERROR, Layer.SCHEMA, "cannot read %s: %s"),
  TL0018("TL0018", Severity.ERROR, Layer.SCHEMA, "value %s does not match its tag %s"),

  // ---- TL01xx documents ----
  TL0101("TL0101", Severity.ERROR, Layer.SCHEMA, "document must be a mapping with apiVersion, kind, metadata and spec, found a %s"),
  TL0102("TL0102", Severity.ERROR, Layer.SCHEMA, "missing required field %s"),
  TL0103("TL0103", Severity.ERROR, Layer.SCHEMA, "unsupported kind %s"),
  TL0104("TL0104", Severity.ERROR, Layer.SCHEMA, "unsupported apiVersion %s for kind %s"),
  TL0105("TL0105", Severity.ERROR, Layer.SCHEMA, "invalid metadata.%s %s: %s"),
  TL0106("TL0106", Severity.ERROR, Layer.SCHEMA, "%s %s is defined twice (first at line %s)"),
  TL0107("TL0107", Severity.INFO, Layer.SCHEMA, "empty document ignored"),

  // ---- TL1xxx schema ----
  TL1001("TL1001", Severity.ERROR, Layer.SCHEMA, "unknown field %s in %s"),
  TL1002("TL1002", Severity.ERROR, Layer.SCHEMA, "%s must be %s, found %s"),
  TL1003("TL1003", Severity.ERROR, Layer.SCHEMA, "invalid value %s for %s; allowed values: %s"),
  TL1004("TL1004", Severity.ERROR, Layer.SCHEMA, "only one of %s may be set"),
  TL1005("TL1005", Severity.ERROR, Layer.SCHEMA, "one of %s must be set"),
  TL1006("TL1006", Severity.ERROR, Layer.SCHEMA, "invalid duration %s: %s"),
  TL1007("TL1007", Severity.ERROR, Layer.SCHEMA, "%s must be a valid duration greater than 1ms"),
  TL1008("TL1008", Severity.ERROR, Layer.SCHEMA, "%s is out of range: %s"),
  TL1009("TL1009", Severity.ERROR, Layer.SCHEMA, "missing required field %s in %s"),
  TL1010("TL1010", Severity.ERROR, Layer.SCHEMA, "%s must not be empty"),

  // ---- TL2xxx webhook ----
  TL2001("TL2001", Severity.ERROR, Layer.WEBHOOK, "%s"),
  TL2002("TL2002", Severity.WARNING, Layer.WEBHOOK, "%s"),

  // ---- analysis (istioctl analyze codes, then ours) ----
  IST0002("IST0002", Severity.WARNING, Layer.ANALYSIS, "Deprecated: %s"),
  IST0101("IST0101", Severity.ERROR, Layer.ANALYSIS, "Referenced %s not found: %s"),
  IST0106("IST0106", Severity.ERROR, Layer.ANALYSIS, "Schema validation error: %s"),
  IST0109("IST0109", Severity.ERROR, Layer.ANALYSIS, "The VirtualServices %s associated with mesh gateway define the same host %s which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource."),
  IST0112("IST0112", Severity.ERROR, Layer.ANALYSIS, "This VirtualService routes to a service %s that exposes multiple ports %s. Specifying a port in the destination is required to disambiguate."),
  IST0128("IST0128", Severity.WARNING, Layer.ANALYSIS, "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s"),
  IST0130("IST0130", Severity.WARNING, Layer.ANALYSIS, "VirtualService rule %s not used (%s)."),
  IST0131("IST0131", Severity.INFO, Layer.ANALYSIS, "VirtualService rule %s match %s is not used (duplicate/overlapping match in rule %s)."),
  IST0132("IST0132", Severity.WARNING, Layer.ANALYSIS, "one or more host %s defined in VirtualService %s not found in Gateway %s."),
  IST0133("IST0133", Severity.WARNING, Layer.ANALYSIS, "Schema validation warning: %s"),
  IST0140("IST0140", Severity.WARNING, Layer.ANALYSIS, "Subset in virtual service %s has no effect on ingress gateway %s requests"),
  IST0145("IST0145", Severity.ERROR, Layer.ANALYSIS, "Conflict with gateways %s (workload selector %s, port %s, hosts %s)."),
  IST0173("IST0173", Severity.WARNING, Layer.ANALYSIS, "The Subset %s defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream)."),
  IST0174("IST0174", Severity.WARNING, Layer.ANALYSIS, "The host %s defined in the DestinationRule does not match any services in the mesh."),
  TL3001("TL3001", Severity.WARNING, Layer.ANALYSIS, "%s"),

  // ---- TL4xxx case files ----
  TL4001("TL4001", Severity.ERROR, Layer.SCHEMA, "%s"),
  TL4002("TL4002", Severity.ERROR, Layer.SCHEMA, "unknown key %s in %s"),
  TL4003("TL4003", Severity.ERROR, Layer.SCHEMA, "%s must be %s, found %s"),
  TL4004("TL4004", Severity.ERROR, Layer.SCHEMA, "missing required key %s in %s"),
  TL4005("TL4005", Severity.ERROR, Layer.SCHEMA, "invalid %s %s: %s"),
  TL4006("TL4006", Severity.ERROR, Layer.SCHEMA, "%s %s is out of range: %s"),
  TL4007("TL4007", Severity.ERROR, Layer.SCHEMA, "only one of %s may be set"),
  TL4008("TL4008", Severity.ERROR, Layer.SCHEMA, "%s %s is defined twice (first at line %s)"),
  TL4009("TL4009", Severity.ERROR, Layer.SCHEMA, "a case file must be one YAML mapping, found %s"),
  TL4010("TL4010", Severity.WARNING, Layer.SCHEMA, "config is not a literal block scalar (config: |): positions inside it point at its first line"),
  TL4011("TL4011", Severity.WARNING, Layer.SCHEMA, "distribution shares add up to %s, not 1"),
  TL4012("TL4012", Severity.ERROR, Layer.SCHEMA, "%s needs %s, but the topology has none"),
  TL4013("TL4013", Severity.WARNING, Layer.SCHEMA, "case name %s differs from the file name %s");

  private final String code;
  private final Severity severity;
  private final Layer layer;
  private final String template;

  DiagnosticCode(String code, Severity severity, Layer layer, String template) {
    this.code = code;
    this.severity = severity;
    this.layer = layer;
    this.template = template;
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }

  public Layer layer() {
    return layer;
  }

  public String template() {
    return template;
  }

  public String format(Object... args) {
    return args.length == 0 ? template : String.format(template, args);
  }

  /** Quotes a user-written value the way messages show it: {@code "v3"}. */
  public static String q(Object value) {
    String s = String.valueOf(value);
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (s.length() > 200) {
      sb.append("...");
    }
    return sb.append('"').toString();
  }
}
