package io.trafficlab.labs.pack;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.LoadLimits;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a pack directory (DESIGN §6). Every problem is collected with its file:line:column; a pack
 * with problems still loads as far as it can, so that all problems are shown at once.
 */
public final class PackLoader {

  /** The result: the pack (possibly partial) and every problem found. */
  public record Loaded(Pack pack, PackProblems problems) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*}}");
  private static final YamlLoader YAML = new YamlLoader(LoadLimits.DEFAULT.withMaxBytes(1024 * 1024));

  public Loaded load(Path dir) {
    PackProblems problems = new PackProblems();
    Path packFile = dir.resolve("pack.yaml");
    String packId = dir.getFileName() == null ? "" : dir.getFileName().toString();
    String title = packId;
    String description = "";
    int version = 1;
    List<String> lessonOrder = List.of();
    Optional<YamlMap> packYaml = readYamlMap(packFile, problems);
    if (packYaml.isPresent()) {
      Fields f = new Fields(packYaml.get(), "pack.yaml", problems)
          .allow(Set.of("id", "title", "version", "description", "lessons"));
      String id = f.string("id");
      if (!id.isEmpty() && !id.equals(packId)) {
        problems.add(packYaml.get().get("id").pos(), "pack id \"" + id + "\" differs from its folder name \""
            + packId + "\"", "rename the folder or the id; they must be equal");
      }
      title = f.string("title");
      version = f.integer("version", 1, 1_000_000, 1);
      description = f.optString("description").orElse("");
      lessonOrder = f.strings("lessons");
    }

    List<Lesson> lessons = new ArrayList<>();
    Map<String, Path> lessonFiles = new LinkedHashMap<>();
    for (Path p : list(dir.resolve("lessons"), problems)) {
      String name = p.getFileName().toString();
      if (name.endsWith(".md")) {
        lessonFiles.put(name.substring(0, name.length() - 3), p);
      }
    }
    List<Path> used = new ArrayList<>();
    for (String slug : lessonOrder) {
      Path p = fileFor(slug, lessonFiles);
      if (p == null) {
        problems.add(packYaml.map(m -> m.get("lessons").pos()).orElse(SourcePos.start(packFile.toString())),
            "lesson \"" + slug + "\" is listed in pack.yaml but neither lessons/" + slug + ".md nor lessons/NN-"
                + slug + ".md exists", "create the file or remove the entry");
        continue;
      }
      used.add(p);
      LessonParser.parse(slug, p, problems).ifPresent(lessons::add);
    }
    for (Path p : lessonFiles.values()) {
      if (!used.contains(p)) {
        problems.add(SourcePos.start(p.toString()), "lesson file " + p.getFileName()
            + " is not listed in pack.yaml lessons", "add its slug to the lessons list in the order it should appear");
      }
    }

    List<Quiz> quizzes = new ArrayList<>();
    for (Path p : list(dir.resolve("quizzes"), problems)) {
      String name = p.getFileName().toString();
      if (!name.endsWith(".yaml")) {
        continue;
      }
      String stem = name.substring(0, name.length() - 5);
      String slug = lessonOrder.contains(stem) ? stem : stripNumber(stem);
      if (!lessonOrder.contains(slug)) {
        problems.add(SourcePos.start(p.toString()), "quiz " + name + " belongs to no lesson: \"" + slug
            + "\" is not in pack.yaml lessons", "name the file NN-<lesson slug>.yaml");
        continue;
      }
      QuizParser.parse(slug, p, problems).ifPresent(quizzes::add);
    }

    List<ExerciseSource> exercises = new ArrayList<>();
    for (Path exDir : list(dir.resolve("exercises"), problems)) {
      if (Files.isDirectory(exDir)) {
        readExercise(exDir, problems).ifPresent(exercises::add);
      }
    }
    for (Lesson l : lessons) {
      for (String ex : l.exercises()) {
        if (exercises.stream().noneMatch(e -> e.id().equals(ex))) {
          problems.add(new SourcePos(l.file(), 1, 1), "lesson " + l.slug() + " links exercise \"" + ex
              + "\" which does not exist", "create exercises/" + ex + "/ or fix the name");
        }
      }
    }
    return new Loaded(new Pack(packId, title, version, description, lessons, exercises, quizzes), problems);
  }

  /** lessons/SLUG.md, else lessons/NN-SLUG.md. */
  private static Path fileFor(String slug, Map<String, Path> lessonFiles) {
    Path exact = lessonFiles.get(slug);
    if (exact != null) {
      return exact;
    }
    return lessonFiles.entrySet().stream().filter(e -> stripNumber(e.getKey()).equals(slug))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  /** "01-gateway" → "gateway"; a name without a number prefix is returned as it is. */
  static String stripNumber(String stem) {
    return stem.replaceFirst("^[0-9]+-", "");
  }

  private Optional<ExerciseSource> readExercise(Path exDir, PackProblems problems) {
    String id = exDir.getFileName().toString();
    String exerciseYaml = readText(exDir.resolve("exercise.yaml"), problems, true);
    if (exerciseYaml == null) {
      return Optional.empty();
    }
    String instructions = orEmpty(readText(exDir.resolve("instructions.md"), problems, true));
    String starter = orEmpty(readText(exDir.resolve("starter.yaml"), problems, true));
    String solution = orEmpty(readText(exDir.resolve("solution.yaml"), problems, true));
    Map<String, String> examples = new LinkedHashMap<>();
    Path mdir = exDir.resolve("misconceptions");
    if (Files.isDirectory(mdir)) {
      for (Path p : list(mdir, problems)) {
        String text = readText(p, problems, true);
        if (text != null) {
          examples.put(p.getFileName().toString(), text);
        }
      }
    }
    List<Map<String, String>> variants = readVariants(exDir.resolve("exercise.yaml"), exerciseYaml, problems);
    return Optional.of(new ExerciseSource(id, exDir.toString(), exerciseYaml, instructions, starter,
        solution, examples, variants));
  }

  /** Reads {@code variants:} with placeholders neutralised, so that the rest need not parse yet. */
  private List<Map<String, String>> readVariants(Path file, String text, PackProblems problems) {
    String neutral = PLACEHOLDER.matcher(text).replaceAll("param-$1");
    YamlLoadResult r = YAML.load(file.toString(), neutral);
    if (!r.ok() || r.documents().isEmpty() || !(r.documents().get(0).root() instanceof YamlMap m)) {
      return List.of(); // the exercise parser reports the syntax problem with the real values
    }
    List<Map<String, String>> out = new ArrayList<>();
    Fields f = new Fields(m, "exercise.yaml", new PackProblems());
    for (YamlMap v : f.maps("variants")) {
      Map<String, String> values = new LinkedHashMap<>();
      for (YamlMap.Entry e : v.entries()) {
        if (e.value() instanceof YamlScalar s && !s.isNull()) {
          values.put(e.name(), s.value());
        } else {
          problems.add(e.value().pos(), "variant value " + e.name() + " must be a scalar", "");
        }
      }
      out.add(values);
    }
    return out;
  }

  /** Replaces {@code {{name}}} with the variant's values; unknown names are left for the checker. */
  public static String substitute(String text, Map<String, String> variant) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = variant.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Placeholders left in a text after substitution (a pack problem). */
  public static List<String> unresolved(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static Optional<YamlMap> readYamlMap(Path file, PackProblems problems) {
    String text = readText(file, problems, true);
    if (text == null) {
      return Optional.empty();
    }
    return parseMap(file.toString(), text, problems);
  }

  static Optional<YamlMap> parseMap(String file, String text, PackProblems problems) {
    YamlLoadResult r = YAML.load(file, text);
    for (Diagnostic d : r.diagnostics()) {
      problems.add(new SourcePos(file, Math.max(1, d.line()), Math.max(1, d.column())), d.message(), d.hint());
    }
    if (!r.ok()) {
      return Optional.empty();
    }
    List<YamlNode> roots = r.documents().stream().map(d -> d.root()).filter(n -> n != null).toList();
    if (roots.size() != 1 || !(roots.get(0) instanceof YamlMap m)) {
      problems.add(SourcePos.start(file), "expected one YAML mapping", "");
      return Optional.empty();
    }
    return Optional.of(m);
  }

  static String readText(Path file, PackProblems problems, boolean required) {
    if (!Files.isRegularFile(file)) {
      if (required) {
        problems.add(SourcePos.start(file.toString()), "missing file " + file.getFileName(),
            "every exercise folder needs exercise.yaml, instructions.md, starter.yaml and solution.yaml");
      }
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      problems.add(SourcePos.start(file.toString()), "cannot read " + file.getFileName() + ": " + e.getMessage(),
          "save the file as UTF-8");
      return null;
    }
  }

  private static List<Path> list(Path dir, PackProblems problems) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      problems.add(SourcePos.start(dir.toString()), "cannot list " + dir + ": " + e.getMessage(), "");
      return List.of();
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
