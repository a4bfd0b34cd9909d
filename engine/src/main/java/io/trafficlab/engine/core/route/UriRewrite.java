package io.trafficlab.engine.core.route;

import com.google.re2j.Pattern;

/**
 * How a forwarded request's path is rewritten. The query string is always kept.
 *
 * <ul>
 *   <li>{@code PREFIX}: Envoy {@code prefix_rewrite} on a prefix route: the first {@code prefixLength}
 *       characters (the matched prefix; 1 for a rule without a uri match, whose Envoy prefix is
 *       {@code /}) are replaced, so prefix {@code /foo} + rewrite {@code /} turns {@code /foo/bar}
 *       into {@code //bar}.</li>
 *   <li>{@code FULL}: exact and regex uri matches: the whole path is replaced.</li>
 *   <li>{@code REGEX}: {@code uriRegexRewrite}: every match of the pattern is substituted
 *       ({@code \1} references groups, as in Envoy).</li>
 * </ul>
 */
public record UriRewrite(Mode mode, String replacement, int prefixLength, Pattern pattern) {

  public static final UriRewrite NONE = new UriRewrite(Mode.NONE, "", 0, null);

  /** See the type's documentation. */
  public enum Mode { NONE, PREFIX, FULL, REGEX }

  public static UriRewrite prefix(String replacement, int prefixLength) {
    return new UriRewrite(Mode.PREFIX, replacement, prefixLength, null);
  }

  public static UriRewrite full(String replacement) {
    return new UriRewrite(Mode.FULL, replacement, 0, null);
  }

  /** @param envoyReplacement uses {@code \1}-style group references */
  public static UriRewrite regex(String regex, String envoyReplacement) {
    String javaStyle = envoyReplacement.replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1");
    return new UriRewrite(Mode.REGEX, javaStyle, 0, Pattern.compile(regex));
  }

  String apply(RequestView req) {
    String path = req.path();
    int end = req.pathLength();
    switch (mode) {
      case PREFIX:
        return replacement + path.substring(Math.min(prefixLength, end));
      case FULL:
        return replacement + path.substring(end);
      case REGEX:
        return pattern.matcher(path.substring(0, end)).replaceAll(replacement) + path.substring(end);
      default:
        return path;
    }
  }
}
