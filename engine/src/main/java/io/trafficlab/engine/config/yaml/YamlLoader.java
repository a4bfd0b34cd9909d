package io.trafficlab.engine.config.yaml;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads multi-document YAML into positioned {@link YamlNode} trees.
 *
 * <p>The tree is built from the parser's event stream with an explicit stack, so deep input can not
 * overflow the Java stack. Anchors and aliases are resolved here, by copying the anchored subtree
 * (with the positions where its text is), and the total number of nodes after expansion is capped:
 * an alias bomb stops at {@link LoadLimits#maxNodes()} with a diagnostic. Merge keys ({@code <<})
 * and explicit non-core tags are rejected rather than mis-read. Duplicate keys are errors.
 *
 * <p>Every problem with the input ends as a coded {@link Diagnostic} (TL00xx), never as an
 * exception: size and encoding are checked before parsing, characters YAML does not allow are
 * reported with their position, and each limit stops the lazy parser as soon as it trips.
 * Embedded text (a case file's {@code config}) is loaded with a {@link TextOrigin} so that every
 * position points into the file that holds it.
 */
public final class YamlLoader {

  private static final Set<String> CORE_TAGS = Set.of(
      "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
      "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
      "tag:yaml.org,2002:seq");
  private static final String STR_TAG = "tag:yaml.org,2002:str";
  private static final String MAP_TAG = "tag:yaml.org,2002:map";
  private static final String SEQ_TAG = "tag:yaml.org,2002:seq";

  private final LoadLimits limits;

  public YamlLoader(LoadLimits limits) {
    this.limits = limits;
  }

  public YamlLoader() {
    this(LoadLimits.DEFAULT);
  }

  public LoadLimits limits() {
    return limits;
  }

  /** Loads bytes that should be UTF-8 YAML (a leading byte order mark is ignored). */
  public YamlLoadResult load(String file, byte[] bytes) {
    if (bytes.length > limits.maxBytes()) {
      return fail(file, DiagnosticCode.TL0001, SourcePos.start(file),
          "split the configuration or remove what the exercise does not need", limits.maxBytes(), bytes.length);
    }
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) {
        return fail(file, DiagnosticCode.TL0016, SourcePos.start(file),
            "paste the YAML text itself, not a compressed or binary file");
      }
    }
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    String text;
    try {
      text = dec.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int offset = badOffset(bytes);
      String valid = new String(bytes, 0, offset, StandardCharsets.UTF_8);
      return fail(file, DiagnosticCode.TL0002, posOfChar(file, valid, valid.length(), TextOrigin.START),
          "save the file as UTF-8", offset);
    }
    return load(file, text);
  }

  /** Loads YAML text that is a file of its own. */
  public YamlLoadResult load(String file, String text) {
    return load(file, text, TextOrigin.START);
  }

  /**
   * Loads YAML text embedded in another file (the {@code config} of a case file): every position,
   * of nodes and of diagnostics, is reported as a position in {@code file} through {@code origin}.
   */
  public YamlLoadResult load(String file, String text, TextOrigin origin) {
    if (text.length() > limits.maxBytes()) {
      return fail(file, DiagnosticCode.TL0001, origin.map(file, 1, 1),
          "split the configuration or remove what the exercise does not need", limits.maxBytes(),
          text.getBytes(StandardCharsets.UTF_8).length);
    }
    int size = text.getBytes(StandardCharsets.UTF_8).length;
    if (size > limits.maxBytes()) {
      return fail(file, DiagnosticCode.TL0001, origin.map(file, 1, 1),
          "split the configuration or remove what the exercise does not need", limits.maxBytes(), size);
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    int bad = firstNonPrintable(text);
    if (bad >= 0) {
      int cp = text.codePointAt(bad);
      SourcePos pos = posOfChar(file, text, bad, origin);
      if (cp == 0) {
        return fail(file, DiagnosticCode.TL0016, pos,
            "paste the YAML text itself, not a compressed or binary file");
      }
      return fail(file, DiagnosticCode.TL0013, pos,
          "remove the character; YAML allows only printable characters, tab and line breaks",
          String.format("U+%04X", cp));
    }
    Builder b = new Builder(file, origin);
    Diagnostic fatal;
    try {
      b.run(text);
      fatal = null;
    } catch (Stop stop) {
      fatal = stop.diagnostic;
    } catch (MarkedYamlEngineException e) {
      fatal = syntaxError(file, text, e, origin);
    } catch (YamlEngineException e) {
      fatal = Diagnostic.of(DiagnosticCode.TL0003, origin.map(file, 1, 1), "", "",
          "check the indentation and quoting", oneLine(e.getMessage()));
    } catch (StackOverflowError e) {
      fatal = Diagnostic.of(DiagnosticCode.TL0007, origin.map(file, 1, 1), "", "",
          "flatten the structure", limits.maxDepth());
    } catch (RuntimeException e) {
      // A parser bug on hostile input must still end as a diagnostic, never as a stack trace.
      fatal = Diagnostic.of(DiagnosticCode.TL0003, origin.map(file, 1, 1), "", "",
          "simplify the YAML around the place you changed last",
          "the YAML parser could not read this input (" + e.getClass().getSimpleName() + ")");
    }
    if (fatal != null) {
      // what earlier documents already showed (duplicate keys) is kept, then the fatal problem
      List<Diagnostic> all = new ArrayList<>(b.diagnostics);
      all.add(fatal);
      return new YamlLoadResult(file, List.of(), all);
    }
    if (!b.diagnostics.isEmpty()) {
      return new YamlLoadResult(file, List.of(), b.diagnostics);
    }
    return new YamlLoadResult(file, b.documents, List.of());
  }

  /**
   * The index of the first character YAML does not allow (c-printable of YAML 1.2: tab, line
   * breaks, and printable Unicode without C0/C1 controls, DEL, lone surrogates, U+FFFE/U+FFFF), or -1.
   */
  static int firstNonPrintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7E || c == '\n' || c == '\r' || c == '\t') {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      boolean ok = c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok) {
        return i;
      }
    }
    return -1;
  }

  private static YamlLoadResult fail(String file, DiagnosticCode code, SourcePos pos, String hint,
      Object... args) {
    return new YamlLoadResult(file, List.of(), List.of(Diagnostic.of(code, pos, "", "", hint, args)));
  }

  private Diagnostic syntaxError(String file, String text, MarkedYamlEngineException e,
      TextOrigin origin) {
    Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
    SourcePos pos = mark.map(m -> origin.map(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(origin.map(file, 1, 1));
    String problem = e.getProblem() == null ? oneLine(e.getMessage()) : oneLine(e.getProblem());
    if (problem.contains("\\t(TAB)") || problem.contains("'\\t'")) {
      return Diagnostic.of(DiagnosticCode.TL0004, pos, "", "",
          "indent with spaces; YAML does not allow tabs for indentation");
    }
    if (looksLikeJson(text)) {
      return Diagnostic.of(DiagnosticCode.TL0014, pos, "", "",
          "JSON is accepted, but it must be well-formed; or write the same objects as YAML", problem);
    }
    String ctx = e.getContext() == null ? "" : oneLine(e.getContext()) + ": ";
    return Diagnostic.of(DiagnosticCode.TL0003, pos, "", "", syntaxHint(problem), ctx + problem);
  }

  /** True when the first thing in the text (after blanks and comments) opens a JSON object or array. */
  private static boolean looksLikeJson(String text) {
    for (String line : text.split("\\R", 64)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      return t.startsWith("{") || t.startsWith("[");
    }
    return false;
  }

  private static String syntaxHint(String problem) {
    if (problem.contains("mapping values are not allowed")) {
      return "a value containing ': ' must be quoted, or the line is indented wrongly";
    }
    if (problem.contains("expected <block end>")) {
      return "check the indentation: items of one list or mapping must start in the same column";
    }
    if (problem.contains("found undefined alias")) {
      return "define the anchor (&name) before using the alias (*name)";
    }
    return "check the indentation and quoting around this place";
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String first = s.strip().split("\n", 2)[0];
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }

  private static int badOffset(byte[] bytes) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    dec.decode(in, out, true);
    return in.position();
  }

  /** The position of the character at {@code offset}; line breaks are LF, CRLF or CR (as YAML). */
  private static SourcePos posOfChar(String file, String text, int offset, TextOrigin origin) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    int end = Math.min(offset, text.length());
    return origin.map(file, line, text.codePointCount(lineStart, end) + 1);
  }

  /** Thrown inside the builder to stop at the first fatal input problem. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;

    Stop(Diagnostic d) {
      super(d.message(), null, false, false);
      this.diagnostic = d;
    }
  }

  // ---- raw tree: positions but no paths; aliases share subtrees until conversion ----

  private sealed interface Raw permits RawScalar, RawSeq, RawMap, RawAlias {
    SourcePos pos();
  }

  private record RawScalar(String value, boolean plain, YamlScalar.Style style, SourcePos pos)
      implements Raw {}

  private record RawSeq(List<Raw> items, SourcePos pos) implements Raw {}

  private record RawMap(List<Raw[]> pairs, SourcePos pos) implements Raw {}

  /** A use of an anchored node; {@code pos} is where the alias is written. */
  private record RawAlias(Raw target, SourcePos pos) implements Raw {
    Raw resolved() {
      return target instanceof RawAlias a ? a.resolved() : target;
    }
  }

  /** An open collection on the builder stack. */
  private static final class Open {
    final boolean map;
    final SourcePos pos;
    final Optional<Anchor> anchor;
    final List<Raw> items = new ArrayList<>();

    Open(boolean map, SourcePos pos, Optional<Anchor> anchor) {
      this.map = map;
      this.pos = pos;
      this.anchor = anchor;
    }
  }

  private final class Builder {
    final String file;
    final TextOrigin origin;
    final List<YamlDocument> documents = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final Deque<Open> stack = new ArrayDeque<>();
    final Map<String, Raw> anchors = new HashMap<>();
    Raw docRoot;
    SourcePos docStart;
    int nodes;

    Builder(String file, TextOrigin origin) {
      this.file = file;
      this.origin = origin;
    }

    void run(String text) {
      LoadSettings settings = LoadSettings.builder()
          .setLabel(file)
          .setCodePointLimit(Math.max(limits.maxBytes() * 2, 1024))
          .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both positions
          .setMaxAliasesForCollections(Integer.MAX_VALUE) // we cap the expanded size instead
          .setAllowRecursiveKeys(false)
          .setUseMarks(true)
          .build();
      // The parser is lazy: a limit that trips stops the scan right there, so a 10k-deep nesting
      // costs only the first maxDepth levels.
      for (Event ev : new Parse(settings).parseString(text)) {
        switch (ev.getEventId()) {
          case DocumentStart -> {
            if (documents.size() >= limits.maxDocuments()) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0006, pos(ev), "", "",
                  "split the input into several files", limits.maxDocuments()));
            }
            anchors.clear();
            docRoot = null;
            docStart = pos(ev);
          }
          case DocumentEnd -> {
            // "---" followed by nothing parses as an empty plain scalar: that is an empty document
            boolean empty = docRoot == null
                || (docRoot instanceof RawScalar s && s.plain() && s.value().isEmpty());
            documents.add(new YamlDocument(file, documents.size(),
                empty ? null : convert(docRoot, "", 0), docStart));
          }
          case MappingStart, SequenceStart -> {
            CollectionStartEvent c = (CollectionStartEvent) ev;
            boolean map = ev.getEventId() == Event.ID.MappingStart;
            checkCollectionTag(c.getTag(), map, ev);
            if (stack.size() >= limits.maxDepth()) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0007, pos(ev), "", "",
                  "flatten the structure; Istio resources are never this deep", limits.maxDepth()));
            }
            stack.push(new Open(map, pos(ev), c.getAnchor()));
          }
          case MappingEnd, SequenceEnd -> {
            Open o = stack.pop();
            Raw r;
            if (o.map) {
              List<Raw[]> pairs = new ArrayList<>();
              for (int i = 0; i + 1 < o.items.size(); i += 2) {
                pairs.add(new Raw[] {o.items.get(i), o.items.get(i + 1)});
              }
              r = new RawMap(pairs, o.pos);
            } else {
              r = new RawSeq(List.copyOf(o.items), o.pos);
            }
            o.anchor.ifPresent(a -> anchors.put(a.getValue(), r));
            add(r);
          }
          case Scalar -> {
            ScalarEvent s = (ScalarEvent) ev;
            if (s.getValue().length() > limits.maxScalar()) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0008, pos(ev), "", "",
                  "no Istio field needs a value this long", limits.maxScalar()));
            }
            boolean plain = scalarResolvesPlain(s, ev);
            RawScalar r = new RawScalar(s.getValue(), plain, style(s), pos(ev));
            if (plain && s.getValue().equals("<<") && stack.peek() != null && stack.peek().map
                && stack.peek().items.size() % 2 == 0) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0010, pos(ev), "", "",
                  "write the keys out in full; YAML 1.2 has no merge keys and Kubernetes would not merge them"));
            }
            s.getAnchor().ifPresent(a -> anchors.put(a.getValue(), r));
            add(r);
          }
          case Alias -> {
            AliasEvent a = (AliasEvent) ev;
            String name = a.getAlias().getValue();
            // An alias to a collection that is still open refers to itself (&a [*a]), even when an
            // older node of the same document carried the same anchor name.
            boolean open = stack.stream()
                .anyMatch(o -> o.anchor.map(x -> x.getValue().equals(name)).orElse(false));
            if (open) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0015, pos(ev), "", "",
                  "an alias can not refer to the node that contains it", q("*" + name)));
            }
            Raw target = anchors.get(name);
            if (target == null) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0003, pos(ev), "", "",
                  "define the anchor (&" + name + ") before using the alias", "undefined alias " + q("*" + name)));
            }
            add(new RawAlias(target, pos(ev)));
          }
          default -> {
            // StreamStart, StreamEnd, Comment: nothing to build
          }
        }
      }
    }

    void checkCollectionTag(Optional<String> tag, boolean map, Event ev) {
      if (tag.isEmpty()) {
        return;
      }
      String t = tag.get();
      if (!CORE_TAGS.contains(t)) {
        throw new Stop(Diagnostic.of(DiagnosticCode.TL0011, pos(ev), "", "",
            "remove the tag; Istio configuration uses plain YAML values", q(t)));
      }
      if (!t.equals(map ? MAP_TAG : SEQ_TAG)) {
        throw new Stop(Diagnostic.of(DiagnosticCode.TL0018, pos(ev), "", "", "remove the tag",
            map ? "mapping" : "list", q(shortTag(t))));
      }
    }

    /**
     * True when the scalar resolves like an unquoted one: plain and untagged, or explicitly tagged
     * with a core scalar type it matches. {@code !!str} makes any scalar a string.
     */
    boolean scalarResolvesPlain(ScalarEvent s, Event ev) {
      Optional<String> tag = s.getTag();
      if (tag.isEmpty()) {
        return s.isPlain();
      }
      String t = tag.get();
      if (!CORE_TAGS.contains(t)) {
        throw new Stop(Diagnostic.of(DiagnosticCode.TL0011, pos(ev), "", "",
            "remove the tag; Istio configuration uses plain YAML values", q(t)));
      }
      if (t.equals(STR_TAG)) {
        return false;
      }
      YamlScalar probe = new YamlScalar(s.getValue(), true, pos(ev), "");
      boolean matches = switch (t) {
        case "tag:yaml.org,2002:int" -> probe.asLong().isPresent() || probe.isHugeInteger();
        case "tag:yaml.org,2002:float" -> probe.asDouble().isPresent();
        case "tag:yaml.org,2002:bool" -> probe.asBoolean().isPresent();
        case "tag:yaml.org,2002:null" -> probe.isNull();
        default -> false; // !!map or !!seq on a scalar
      };
      if (!matches) {
        throw new Stop(Diagnostic.of(DiagnosticCode.TL0018, pos(ev), "", "",
            "remove the tag, or write a value of that type", q(s.getValue()), q(shortTag(t))));
      }
      return true;
    }

    YamlScalar.Style style(ScalarEvent s) {
      if (s.isLiteral()) {
        return YamlScalar.Style.LITERAL;
      }
      if (s.isFolded()) {
        return YamlScalar.Style.FOLDED;
      }
      if (s.isSQuoted()) {
        return YamlScalar.Style.SINGLE_QUOTED;
      }
      if (s.isDQuoted()) {
        return YamlScalar.Style.DOUBLE_QUOTED;
      }
      return YamlScalar.Style.PLAIN;
    }

    void add(Raw r) {
      if (stack.isEmpty()) {
        docRoot = r;
      } else {
        stack.peek().items.add(r);
      }
    }

    SourcePos pos(Event ev) {
      return ev.getStartMark()
          .map(m -> origin.map(file, m.getLine() + 1, m.getColumn() + 1))
          .orElse(origin.map(file, 1, 1));
    }

    YamlNode convert(Raw raw, String path, int depth) {
      if (++nodes > limits.maxNodes()) {
        throw new Stop(Diagnostic.of(DiagnosticCode.TL0009, raw.pos(), path, "",
            "write the values out instead of repeating aliases", limits.maxNodes()));
      }
      if (depth > limits.maxDepth()) {
        throw new Stop(Diagnostic.of(DiagnosticCode.TL0007, raw.pos(), path, "",
            "flatten the structure; Istio resources are never this deep", limits.maxDepth()));
      }
      if (raw instanceof RawAlias a) {
        nodes--; // the alias itself is not a node; its target is counted below
        return convert(a.resolved(), path, depth);
      }
      if (raw instanceof RawScalar s) {
        return new YamlScalar(s.value(), s.plain(), s.style(), s.pos(), path);
      }
      if (raw instanceof RawSeq s) {
        List<YamlNode> items = new ArrayList<>(s.items().size());
        for (int i = 0; i < s.items().size(); i++) {
          items.add(convert(s.items().get(i), YamlNode.index(path, i), depth + 1));
        }
        return new YamlSeq(items, s.pos(), path);
      }
      RawMap m = (RawMap) raw;
      List<YamlMap.Entry> entries = new ArrayList<>(m.pairs().size());
      Map<String, SourcePos> seen = new HashMap<>();
      for (Raw[] pair : m.pairs()) {
        Raw keyRaw = pair[0] instanceof RawAlias a ? a.resolved() : pair[0];
        if (!(keyRaw instanceof RawScalar k)) {
          throw new Stop(Diagnostic.of(DiagnosticCode.TL0012, pair[0].pos(), path, "",
              "use a plain string as the key", keyRaw instanceof RawMap ? "mapping" : "list"));
        }
        SourcePos keyPos = pair[0].pos();
        SourcePos first = seen.putIfAbsent(k.value(), keyPos);
        String childPath = YamlNode.child(path, k.value());
        if (first != null) {
          diagnostics.add(Diagnostic.of(DiagnosticCode.TL0005, keyPos, childPath, "",
              "remove one of the two; YAML parsers disagree on which one wins",
              q(k.value()), first.line(), first.column()));
          continue;
        }
        YamlScalar key = new YamlScalar(k.value(), k.plain(), k.style(), keyPos, childPath);
        entries.add(new YamlMap.Entry(key, convert(pair[1], childPath, depth + 1)));
      }
      return new YamlMap(entries, m.pos(), path);
    }
  }

  private static String shortTag(String tag) {
    return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
  }
}
