package io.trafficlab.engine.config.yaml;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
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
 */
public final class YamlLoader {

  private static final Set<String> CORE_TAGS = Set.of(
      "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
      "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
      "tag:yaml.org,2002:seq");

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

  /** Loads bytes that should be UTF-8 YAML. */
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
    } catch (MalformedInputException e) {
      int offset = badOffset(bytes);
      return fail(file, DiagnosticCode.TL0002, posOfByte(file, bytes, offset),
          "save the file as UTF-8", offset);
    } catch (CharacterCodingException e) {
      return fail(file, DiagnosticCode.TL0002, SourcePos.start(file), "save the file as UTF-8", 0);
    }
    return load(file, text);
  }

  /** Loads YAML text. */
  public YamlLoadResult load(String file, String text) {
    if (text.length() > limits.maxBytes()
        || text.getBytes(StandardCharsets.UTF_8).length > limits.maxBytes()) {
      int size = text.getBytes(StandardCharsets.UTF_8).length;
      return fail(file, DiagnosticCode.TL0001, SourcePos.start(file),
          "split the configuration or remove what the exercise does not need", limits.maxBytes(), size);
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      return fail(file, DiagnosticCode.TL0016, posOfChar(file, text, nul),
          "paste the YAML text itself, not a compressed or binary file");
    }
    Builder b = new Builder(file, text);
    try {
      b.run();
    } catch (Stop stop) {
      return new YamlLoadResult(file, List.of(), List.of(stop.diagnostic));
    } catch (MarkedYamlEngineException e) {
      return new YamlLoadResult(file, List.of(), List.of(syntaxError(file, text, e)));
    } catch (YamlEngineException e) {
      return new YamlLoadResult(file, List.of(), List.of(Diagnostic.of(DiagnosticCode.TL0003,
          SourcePos.start(file), "", "", "", oneLine(e.getMessage()))));
    } catch (StackOverflowError e) {
      return fail(file, DiagnosticCode.TL0007, SourcePos.start(file),
          "flatten the structure", limits.maxDepth());
    }
    if (!b.diagnostics.isEmpty()) {
      return new YamlLoadResult(file, List.of(), b.diagnostics);
    }
    return new YamlLoadResult(file, b.documents, List.of());
  }

  private static YamlLoadResult fail(String file, DiagnosticCode code, SourcePos pos, String hint,
      Object... args) {
    return new YamlLoadResult(file, List.of(), List.of(Diagnostic.of(code, pos, "", "", hint, args)));
  }

  private Diagnostic syntaxError(String file, String text, MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
    SourcePos pos = mark.map(m -> new SourcePos(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourcePos.start(file));
    String problem = e.getProblem() == null ? oneLine(e.getMessage()) : oneLine(e.getProblem());
    if (problem.contains("'\\t'") || problem.contains("\\t(TAB)") || problem.contains("\t")) {
      return Diagnostic.of(DiagnosticCode.TL0004, pos, "", "",
          "indent with spaces; YAML does not allow tabs for indentation");
    }
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return Diagnostic.of(DiagnosticCode.TL0014, pos, "", "",
          "JSON is accepted, but it must be well-formed; or write the same objects as YAML", problem);
    }
    String ctx = e.getContext() == null ? "" : oneLine(e.getContext()) + ": ";
    return Diagnostic.of(DiagnosticCode.TL0003, pos, "", "", syntaxHint(problem), ctx + problem);
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

  private static SourcePos posOfByte(String file, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePos(file, line, offset - lineStart + 1);
  }

  private static SourcePos posOfChar(String file, String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePos(file, line, offset - lineStart + 1);
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

  private sealed interface Raw permits RawScalar, RawSeq, RawMap {
    SourcePos pos();
  }

  private record RawScalar(String value, boolean plain, SourcePos pos) implements Raw {}

  private record RawSeq(List<Raw> items, SourcePos pos) implements Raw {}

  private record RawMap(List<Raw[]> pairs, SourcePos pos) implements Raw {}

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
    final String text;
    final List<YamlDocument> documents = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final Deque<Open> stack = new ArrayDeque<>();
    final Map<String, Raw> anchors = new HashMap<>();
    Raw docRoot;
    SourcePos docStart;
    int nodes;

    Builder(String file, String text) {
      this.file = file;
      this.text = text;
    }

    void run() {
      LoadSettings settings = LoadSettings.builder()
          .setLabel(file)
          .setCodePointLimit(Math.max(limits.maxBytes() * 2, 1024))
          .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both positions
          .setMaxAliasesForCollections(Integer.MAX_VALUE) // we cap the expanded size instead
          .setAllowRecursiveKeys(false)
          .setUseMarks(true)
          .build();
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
          case DocumentEnd -> documents.add(new YamlDocument(file, documents.size(),
              docRoot == null ? null : convert(docRoot, "", 0), docStart));
          case MappingStart, SequenceStart -> {
            CollectionStartEvent c = (CollectionStartEvent) ev;
            checkTag(c.getTag(), ev);
            if (stack.size() >= limits.maxDepth()) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0007, pos(ev), "", "",
                  "flatten the structure; Istio resources are never this deep", limits.maxDepth()));
            }
            stack.push(new Open(ev.getEventId() == Event.ID.MappingStart, pos(ev), c.getAnchor()));
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
            checkTag(s.getTag(), ev);
            if (s.getValue().length() > limits.maxScalar()) {
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0008, pos(ev), "", "",
                  "no Istio field needs a value this long", limits.maxScalar()));
            }
            boolean plain = s.isPlain() && s.getTag().isEmpty();
            RawScalar r = new RawScalar(s.getValue(), plain, pos(ev));
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
            Raw target = anchors.get(name);
            if (target == null) {
              boolean open = stack.stream().anyMatch(o -> o.anchor.map(x -> x.getValue().equals(name)).orElse(false));
              if (open) {
                throw new Stop(Diagnostic.of(DiagnosticCode.TL0015, pos(ev), "", "",
                    "an alias can not refer to the node that contains it", q("*" + name)));
              }
              throw new Stop(Diagnostic.of(DiagnosticCode.TL0003, pos(ev), "", "",
                  "define the anchor (&" + name + ") before using the alias", "undefined alias " + q("*" + name)));
            }
            add(target);
          }
          default -> {
            // StreamStart, StreamEnd, Comment: nothing to build
          }
        }
      }
    }

    void checkTag(Optional<String> tag, Event ev) {
      if (tag.isPresent() && !CORE_TAGS.contains(tag.get())) {
        throw new Stop(Diagnostic.of(DiagnosticCode.TL0011, pos(ev), "", "",
            "remove the tag; Istio configuration uses plain YAML values", q(tag.get())));
      }
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
          .map(m -> new SourcePos(file, m.getLine() + 1, m.getColumn() + 1))
          .orElse(SourcePos.start(file));
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
      if (raw instanceof RawScalar s) {
        return new YamlScalar(s.value(), s.plain(), s.pos(), path);
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
        if (!(pair[0] instanceof RawScalar k)) {
          throw new Stop(Diagnostic.of(DiagnosticCode.TL0012, pair[0].pos(), path, "",
              "use a plain string as the key", pair[0] instanceof RawMap ? "mapping" : "list"));
        }
        SourcePos first = seen.putIfAbsent(k.value(), k.pos());
        String childPath = YamlNode.child(path, k.value());
        if (first != null) {
          diagnostics.add(Diagnostic.of(DiagnosticCode.TL0005, k.pos(), childPath, "",
              "remove one of the two; YAML parsers disagree on which one wins",
              q(k.value()), first.line()));
          continue;
        }
        YamlScalar key = new YamlScalar(k.value(), k.plain(), k.pos(), childPath);
        entries.add(new YamlMap.Entry(key, convert(pair[1], childPath, depth + 1)));
      }
      return new YamlMap(entries, m.pos(), path);
    }
  }
}
