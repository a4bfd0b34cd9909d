package io.trafficlab.engine.core.regex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DFA must answer exactly what re2j answers. Random patterns come from the subset grammar
 * together with a string each is likely to match; every pattern is then tried on that string, on
 * mutations of it and on noise (newlines, non-ASCII, surrogate pairs, lone surrogates, "").
 */
class RegexDfaDifferentialTest {

  private static final long SEED = 0x7E57_DFA_5EEDL;
  private static final int PATTERNS = 4_000;

  /** Literal code points the generator writes unescaped (no metacharacters). */
  private static final String[] LITERALS = {"a", "b", "c", "/", "0", "1", "-", "_", "é", "😀",
      "\u00a0", "\u2028", "\uffff"};
  /** Escapes paired with the code point they stand for. */
  private static final String[][] ESCAPES = {{"\\.", "."}, {"\\/", "/"}, {"\\-", "-"},
      {"\\\\", "\\"}, {"\\n", "\n"}, {"\\t", "\t"}, {"\\*", "*"}, {"\\$", "$"}, {"\\{", "{"},
      {"\\]", "]"}, {"\\^", "^"}, {"\\_", "_"}};
  /** Characters a value may contain besides what the pattern produced. */
  private static final String[] NOISE = {"a", "b", "/", ".", "0", "9", "Z", "_", "-", " ", "\n",
      "\t", "\r", "\u000b", "\f", "é", "😀", "😂", "\ud83d", "\ude00", "\u00a0", "\u2028",
      "\uffff", new String(Character.toChars(0x10FFFF)), "{", "]", "\\", "$", "^"};

  private final SplittableRandom random = new SplittableRandom(SEED);

  @Test
  void agreesWithRe2jOnRandomPatternsAndValues() {
    int compiled = 0;
    int invalid = 0;
    int comparisons = 0;
    int matched = 0;
    List<String> declined = new ArrayList<>();
    for (int n = 0; n < PATTERNS; n++) {
      StringBuilder pattern = new StringBuilder();
      StringBuilder sample = new StringBuilder();
      if (random.nextInt(8) == 0) {
        pattern.append('^');
      }
      alternation(pattern, sample, 0);
      if (random.nextInt(8) == 0) {
        pattern.append('$');
      }
      String regex = pattern.toString();
      Pattern re2;
      try {
        re2 = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        // Class items can meet as a backwards range ([b-0-9]); never silently accepted.
        assertThat(RegexDfa.compile(regex)).as(regex).isEmpty();
        invalid++;
        continue;
      }
      var dfa = RegexDfa.compile(regex);
      if (dfa.isEmpty()) {
        declined.add(regex);
        continue;
      }
      compiled++;
      for (String value : values(sample.toString())) {
        boolean expected = re2.matches(value);
        assertThat(dfa.get().matches(value))
            .as("%s on \"%s\"", regex, escape(value)).isEqualTo(expected);
        int cut = value.isEmpty() ? 0 : random.nextInt(value.length() + 1);
        assertThat(dfa.get().matches(value, cut))
            .as("%s on the first %d chars of \"%s\"", regex, cut, escape(value))
            .isEqualTo(re2.matches(value.substring(0, cut)));
        comparisons += 2;
        matched += expected ? 1 : 0;
      }
    }
    // Only the budget may decline a generated pattern, and only rarely; the values must exercise
    // both answers for the comparison to mean anything.
    assertThat(declined).hasSizeLessThan(PATTERNS / 100);
    for (String regex : declined) {
      assertThat(catchReason(regex)).contains("budget");
    }
    assertThat(invalid).isLessThan(PATTERNS / 20);
    assertThat(compiled).isGreaterThan(PATTERNS * 9 / 10);
    assertThat(comparisons).isGreaterThan(50_000);
    assertThat(matched).isGreaterThan(comparisons / 20);
  }

  /** Realistic Istio uri, header and authority regexes. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v[0-9]+/.*", "^/reviews/\\d+$", ".*(jason|chrome).*", "(foo|bar)\\.example\\.com",
      "[^/]+", "/regex/49/[a-z]+/[0-9]+", "/productpage(/.*)?", "/(login|logout)", ".*Mobile.*",
      "^(?:/api)?/users/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
      "\\w+@\\w+\\.(com|org)", "/static/.*\\.(css|js|png)", "v[12]", ".*", ".+", "[a-zA-Z0-9-]+",
      "/a/b/c/[^/]*/d", "(/[^/]+){1,3}/?", "^.*\\.svc\\.cluster\\.local(:[0-9]{1,5})?$",
      "Bearer [A-Za-z0-9._~+/-]+=*", "tenant-(0|[1-9][0-9]*)", "\\s*\\S+\\s*"})
  void agreesWithRe2jOnRealisticPatterns(String regex) {
    Pattern re2 = Pattern.compile(regex);
    RegexDfa dfa = RegexDfa.compile(regex).orElseThrow();
    List<String> values = new ArrayList<>(List.of("", "/", "/api/v1/x", "/api/v12/", "/api/vx/",
        "/reviews/42", "/reviews/4x", "/reviews/", "Mozilla chrome", "jason", "xjasonx", "chrom",
        "foo.example.com", "bar.example.com", "baz.example.com", "fooXexample.com", "abc", "a/b",
        "/regex/49/item/42", "/regex/49/item/", "/regex/49/Item/42", "/productpage",
        "/productpage/x", "/productpagex", "/login", "/logout", "/log", "iPhone Mobile Safari",
        "/api/users/0123abcd-0123-4567-89ab-0123456789ab", "/users/0123abcd-0123-4567-89ab-012345",
        "me@example.com", "me@example.net", "/static/a/b.css", "/static/a.jsx", "v1", "v3",
        "My-Host-1", "/a/b/c/anything/d", "/a/b/c/x/y/d", "/x/y/z", "/x/y/z/w", "/x/y/",
        "reviews.default.svc.cluster.local", "reviews.default.svc.cluster.local:9080",
        "reviews.default.svc.cluster.local:123456", "Bearer abc.DEF-_~+/==", "Bearer ",
        "tenant-0", "tenant-01", "tenant-120", "  token  ", "a\nb", "/api/v1/\n", "é/😀",
        "x\ud83d"));
    for (String v : List.copyOf(values)) {
      values.add(v + "\n");
      values.add(v.toUpperCase());
    }
    for (String value : values) {
      assertThat(dfa.matches(value)).as("%s on \"%s\"", regex, escape(value))
          .isEqualTo(re2.matches(value));
    }
  }

  // --- the generator: writes a pattern and, alongside, one string it likely matches ---

  private void alternation(StringBuilder p, StringBuilder s, int depth) {
    int choices = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
    int taken = random.nextInt(choices);
    for (int i = 0; i < choices; i++) {
      if (i > 0) {
        p.append('|');
      }
      concatenation(p, i == taken ? s : new StringBuilder(), depth);
    }
  }

  private void concatenation(StringBuilder p, StringBuilder s, int depth) {
    int items = random.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < items; i++) {
      StringBuilder ap = new StringBuilder();
      StringBuilder as = new StringBuilder();
      atom(ap, as, depth);
      p.append(ap);
      if (random.nextInt(3) == 0) {
        int copies = quantifier(p);
        for (int c = 0; c < copies; c++) {
          s.append(as);
        }
      } else {
        s.append(as);
      }
    }
  }

  /** Appends a quantifier; returns how many copies of the atom the sample gets. */
  private int quantifier(StringBuilder p) {
    int copies;
    switch (random.nextInt(6)) {
      case 0:
        p.append('*');
        copies = random.nextInt(3);
        break;
      case 1:
        p.append('+');
        copies = 1 + random.nextInt(2);
        break;
      case 2:
        p.append('?');
        copies = random.nextInt(2);
        break;
      case 3:
        copies = random.nextInt(4);
        p.append('{').append(copies).append('}');
        break;
      case 4:
        copies = random.nextInt(3);
        p.append('{').append(copies).append(",}");
        copies += random.nextInt(2);
        break;
      default:
        int min = random.nextInt(3);
        int max = min + random.nextInt(3);
        p.append('{').append(min).append(',').append(max).append('}');
        copies = min + random.nextInt(max - min + 1);
    }
    if (random.nextInt(5) == 0) {
      p.append('?');
    }
    return copies;
  }

  private void atom(StringBuilder p, StringBuilder s, int depth) {
    int kind = random.nextInt(depth < 3 ? 10 : 8);
    switch (kind) {
      case 0, 1, 2 -> {
        String lit = pick(LITERALS);
        p.append(lit);
        s.append(lit);
      }
      case 3 -> {
        String[] e = ESCAPES[random.nextInt(ESCAPES.length)];
        p.append(e[0]);
        s.append(e[1]);
      }
      case 4 -> {
        p.append('.');
        s.append(pick(NOISE));
      }
      case 5 -> {
        String[] perl = {"\\d", "\\D", "\\s", "\\S", "\\w", "\\W"};
        String[] members = {"7", "x", " ", "y", "_", "é"};
        int i = random.nextInt(perl.length);
        p.append(perl[i]);
        s.append(random.nextBoolean() ? members[i] : pick(NOISE));
      }
      case 6, 7 -> charClass(p, s);
      default -> {
        p.append(random.nextBoolean() ? "(" : "(?:");
        alternation(p, s, depth + 1);
        p.append(')');
      }
    }
  }

  private void charClass(StringBuilder p, StringBuilder s) {
    p.append('[');
    boolean negated = random.nextInt(4) == 0;
    if (negated) {
      p.append('^');
    }
    List<String> members = new ArrayList<>();
    if (random.nextInt(6) == 0) {
      p.append(']');
      members.add("]");
    }
    int items = 1 + random.nextInt(3);
    for (int i = 0; i < items; i++) {
      switch (random.nextInt(7)) {
        case 0 -> {
          p.append("a-c");
          members.add("b");
        }
        case 1 -> {
          p.append("0-9");
          members.add("5");
        }
        case 2 -> {
          p.append("😀-😂");
          members.add("😁");
        }
        case 3 -> {
          p.append("é-\uffff");
          members.add("\u2028");
        }
        case 4 -> {
          String[] perl = {"\\d", "\\s", "\\w", "\\D", "\\W", "\\S"};
          p.append(perl[random.nextInt(perl.length)]);
        }
        case 5 -> {
          String[] e = {"\\-", "\\]", "\\\\", "\\n", ".", "/", "$", "-"};
          String[] m = {"-", "]", "\\", "\n", ".", "/", "$", "-"};
          int k = random.nextInt(e.length);
          p.append(e[k]);
          members.add(m[k]);
        }
        default -> {
          String lit = pick(LITERALS);
          p.append(lit);
          members.add(lit);
        }
      }
    }
    p.append(']');
    s.append(negated || members.isEmpty() || random.nextInt(4) == 0 ? pick(NOISE)
        : members.get(random.nextInt(members.size())));
  }

  /** The sample, its mutations, and noise. */
  private List<String> values(String sample) {
    List<String> values = new ArrayList<>(List.of(sample, "", sample + sample));
    for (int i = 0; i < 8; i++) {
      StringBuilder v = new StringBuilder(sample);
      int at = v.length() == 0 ? 0 : random.nextInt(v.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> v.insert(at, pick(NOISE));
        case 1 -> {
          if (at < v.length()) {
            v.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (at < v.length()) {
            v.setCharAt(at, pick(NOISE).charAt(0));
          }
        }
        default -> v.append(pick(NOISE));
      }
      values.add(v.toString());
    }
    StringBuilder noise = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      noise.append(pick(NOISE));
    }
    values.add(noise.toString());
    return values;
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String catchReason(String regex) {
    try {
      RegexDfa.build(regex);
      return "compiled";
    } catch (Unsupported e) {
      return e.getMessage();
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return b.toString();
  }
}
