package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.diag.EditDistance;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Istio's {@code validateHTTPRetry} (semantics §5 retries): attempts, the retryOn policy list, and
 * per-try timeout / backoff durations.
 */
final class RetryChecks {
  /** Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on values Istio accepts, in documentation order. */
  static final List<String> POLICIES = List.of("5xx", "gateway-error", "reset", "reset-before-request",
      "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes",
      "retriable-headers", "envoy-ratelimited", "http3-post-connect-failure", "cancelled",
      "deadline-exceeded", "internal", "resource-exhausted", "unavailable");
  private static final Set<String> POLICY_SET = Set.copyOf(POLICIES);

  /** The status codes Go's {@code http.StatusText} knows, which Istio accepts as retryOn entries. */
  private static final Set<Integer> KNOWN_STATUS = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204,
      205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405,
      406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426,
      428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);

  private final Findings f;
  private final CommonChecks common;

  RetryChecks(Findings f, CommonChecks common) {
    this.f = f;
    this.common = common;
  }

  void check(YamlMap retries) {
    long attempts = YamlReads.integer(retries, "attempts").orElse(0L);
    if (attempts < 0) {
      f.value(retries, "attempts", DiagnosticCode.TL2222, "use attempts: 0 to disable retries, or 1 and up");
    }
    String retryOn = YamlReads.str(retries, "retryOn");
    if (attempts == 0 && (YamlReads.has(retries, "perTryTimeout") || !retryOn.isEmpty()
        || YamlReads.has(retries, "retryRemoteLocalities"))) {
      f.value(retries, "attempts", DiagnosticCode.TL2223,
          YamlReads.has(retries, "attempts")
              ? "attempts: 0 disables retries; set attempts: 3 (for example) or remove the other retry fields"
              : "attempts defaults to 0, which disables retries: add attempts: 3 (for example)");
    }
    common.duration(retries, "perTryTimeout");
    YamlReads.scalar(retries, "retryOn").ifPresent(s -> {
      if (!s.value().isEmpty()) {
        retryOn(s);
      }
    });
    common.duration(retries, "backoff");
  }

  private void retryOn(YamlScalar s) {
    String value = s.value();
    int offset = 0;
    for (String policy : value.split(",", -1)) {
      if (!isValid(policy)) {
        SourcePos at = positionInside(s, offset);
        f.atPos(at, s.path(), DiagnosticCode.TL2224, hint(policy), q(policy));
      }
      offset += policy.length() + 1;
    }
  }

  static boolean isValid(String policy) {
    if (POLICY_SET.contains(policy)) {
      return true;
    }
    if (policy.matches("[0-9]{1,3}")) {
      return KNOWN_STATUS.contains(Integer.parseInt(policy));
    }
    return false;
  }

  /** Points at the policy inside the scalar when the text maps 1:1 onto the source line. */
  private static SourcePos positionInside(YamlScalar s, int offset) {
    String v = s.value();
    if (v.contains(" ") || v.contains("'") || v.contains("\"") || v.contains("\\") || v.contains("\n")) {
      return s.pos();
    }
    int quote = s.plain() ? 0 : 1;
    return new SourcePos(s.pos().file(), s.pos().line(), s.pos().column() + quote + offset);
  }

  private static String hint(String policy) {
    String valid = "valid policies: " + String.join(", ", POLICIES)
        + ", or an HTTP status code such as 503";
    String trimmed = policy.trim();
    if (!trimmed.equals(policy) && isValid(trimmed)) {
      return "remove the spaces: retryOn is a comma-separated list without spaces, e.g. 5xx,reset";
    }
    String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("timeout") || lower.equals("per-try-timeout")) {
      return "Envoy has no \"timeout\" retry policy: a per-try timeout is retried when retryOn has 5xx, "
          + "gateway-error or reset, so set perTryTimeout and use e.g. retryOn: 5xx,gateway-error,reset; "
          + valid;
    }
    if (policy.isEmpty()) {
      return "remove the empty entry (a doubled or trailing comma); " + valid;
    }
    if (!lower.equals(policy) && isValid(lower)) {
      return "did you mean " + lower + "? policies are lower case; " + valid;
    }
    Optional<String> near = nearest(lower);
    return near.map(n -> "did you mean " + n + "? " + valid).orElse(valid);
  }

  private static Optional<String> nearest(String s) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String p : POLICIES) {
      int d = s.length() > 64 ? Integer.MAX_VALUE : EditDistance.levenshtein(s, p);
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    return bestD <= Math.max(2, s.length() / 3) ? Optional.of(best) : Optional.empty();
  }
}
