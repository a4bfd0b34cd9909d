package io.trafficlab.engine.config.webhook;

import java.util.Optional;

/**
 * Envoy's header value syntax (custom request/response headers): literal text, {@code %%} for a
 * percent sign, and {@code %VARIABLE%} or {@code %VARIABLE(args)%} expressions. Mirrors what Istio
 * checks before handing the value to Envoy ({@code header_value_validator.go}).
 */
final class HeaderValues {
  private HeaderValues() {}

  private enum State { LITERAL, NAME, EXPECT_ARRAY, EXPECT_STRING, STRING, DELIM_OR_END, ARGS_END, VAR_END }

  /** The problem with {@code v}, or empty when Envoy accepts it. */
  static Optional<String> problem(String v) {
    State st = State.LITERAL;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean more = i + 1 < v.length();
      switch (st) {
        case LITERAL -> {
          if (c == '%') {
            if (!more) {
              return Optional.of("un-escaped %");
            }
            if (v.charAt(i + 1) == '%') {
              i++;
            } else {
              st = State.NAME;
            }
          }
        }
        case NAME -> {
          if (c == '%') {
            st = State.LITERAL;
          } else if (c == '(') {
            st = State.EXPECT_ARRAY;
          }
        }
        case EXPECT_ARRAY -> {
          if (c == '[') {
            st = State.EXPECT_STRING;
          } else if (c != ' ') {
            st = State.STRING;
          }
        }
        case DELIM_OR_END -> {
          if (c == ',') {
            st = State.EXPECT_STRING;
          } else if (c == ']') {
            st = State.ARGS_END;
          } else if (c != ' ') {
            return Optional.of("expecting ',', ']', or whitespace");
          }
        }
        case EXPECT_STRING -> {
          if (c == '"') {
            st = State.STRING;
          } else if (c != ' ') {
            return Optional.of("expecting '\"'");
          }
        }
        case STRING -> {
          if (c == '\\') {
            if (!more) {
              return Optional.of("un-terminated backslash in JSON string");
            }
            i++;
          } else if (c == ')') {
            st = State.VAR_END;
          } else if (c == '"') {
            st = State.DELIM_OR_END;
          }
        }
        case ARGS_END -> {
          if (c == ')') {
            st = State.VAR_END;
          } else if (c != ' ') {
            return Optional.of("expecting ')' or whitespace");
          }
        }
        case VAR_END -> {
          if (c == '%') {
            st = State.LITERAL;
          } else if (c != ' ') {
            return Optional.of("expecting '%' or whitespace");
          }
        }
        default -> throw new IllegalStateException(st.name());
      }
    }
    return st == State.LITERAL ? Optional.empty() : Optional.of("un-terminated variable expression");
  }
}
