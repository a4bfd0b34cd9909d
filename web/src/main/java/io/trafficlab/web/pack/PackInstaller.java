package io.trafficlab.web.pack;

import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.labs.pack.PackProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs a pack uploaded as a zip: safe extraction into a staging folder under the data dir,
 * validation, then a swap into {@code <data>/packs/<id>} and into the {@link PackCatalog} without a
 * restart. A pack with problems is not installed; its problems are returned with paths relative to
 * the pack. Installs are serialised. Packs under {@code <data>/packs} load again at start-up.
 */
public final class PackInstaller {
  static final Pattern PACK_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");

  /** What an upload led to. */
  public sealed interface Result permits Installed, Rejected {}

  /** The pack is served now; {@code replaced} when a pack with its id was there before. */
  public record Installed(PackCatalog.Entry entry, boolean replaced) implements Result {}

  /**
   * The pack was not installed.
   *
   * @param problems each with a path relative to the pack folder ("exercises/x/exercise.yaml:3:5")
   */
  public record Rejected(String message, List<Shown> problems) implements Result {}

  /** A problem as shown to the instructor. */
  public record Shown(String where, String message, String hint) {}

  private final PackCatalog catalog;
  private final Path dataDir;
  private final PackValidator validator;
  private final SafeZip.Limits limits;

  public PackInstaller(PackCatalog catalog, Path dataDir, PackValidator validator) {
    this(catalog, dataDir, validator, SafeZip.Limits.DEFAULT);
  }

  PackInstaller(PackCatalog catalog, Path dataDir, PackValidator validator, SafeZip.Limits limits) {
    this.catalog = catalog;
    this.dataDir = dataDir;
    this.validator = validator;
    this.limits = limits;
  }

  /** Where uploaded packs live. */
  public static Path packsDir(Path dataDir) {
    return dataDir.resolve("packs");
  }

  public synchronized Result install(InputStream zip) throws IOException {
    Path uploads = dataDir.resolve("uploads");
    Files.createDirectories(uploads);
    Path staging = Files.createTempDirectory(uploads, "upload-");
    try {
      Path unpacked = Files.createDirectory(staging.resolve("unpacked"));
      try {
        SafeZip.extract(zip, unpacked, limits);
      } catch (SafeZip.Refused e) {
        return new Rejected("The upload was refused: " + e.getMessage() + ".", List.of());
      }
      Optional<Path> root = packRoot(unpacked);
      if (root.isEmpty()) {
        return new Rejected("The zip must hold pack.yaml at its top level or in a single top-level folder.", List.of());
      }
      String id = declaredId(root.get()).orElse(root.get().equals(unpacked) ? "" : root.get().getFileName().toString());
      if (!PACK_ID.matcher(id).matches()) {
        return new Rejected("pack.yaml needs an id of lower-case letters, digits and dashes (such as my-pack), got \""
            + (id.length() > 60 ? id.substring(0, 57) + "..." : id) + "\".", List.of());
      }
      Path named = staging.resolve("pack").resolve(id);
      Files.createDirectories(named.getParent());
      Files.move(root.get(), named);
      PackLoader.Loaded loaded = new PackLoader().load(named);
      PackProblems problems = validator.validate(loaded);
      if (!problems.isEmpty()) {
        return new Rejected("The pack " + id + " has " + problems.list().size() + " problem"
            + (problems.list().size() == 1 ? "" : "s") + "; nothing was installed.", shown(named, problems));
      }
      Path dest = packsDir(dataDir).resolve(id);
      Files.createDirectories(dest.getParent());
      boolean replaced = Files.exists(dest) || catalog.find(id).isPresent();
      if (Files.exists(dest)) {
        move(dest, staging.resolve("previous"));
      }
      move(named, dest);
      return new Installed(catalog.add(dest, "uploaded"), replaced);
    } finally {
      deleteTree(staging);
    }
  }

  private static Optional<Path> packRoot(Path unpacked) throws IOException {
    if (Files.isRegularFile(unpacked.resolve("pack.yaml"))) {
      return Optional.of(unpacked);
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(unpacked)) {
      dirs = s.filter(Files::isDirectory).toList();
    }
    if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve("pack.yaml"))) {
      return Optional.of(dirs.get(0));
    }
    return Optional.empty();
  }

  private static Optional<String> declaredId(Path root) throws IOException {
    String text = Files.readString(root.resolve("pack.yaml"));
    YamlLoadResult r = new YamlLoader().load("pack.yaml", text);
    if (!r.ok() || r.documents().isEmpty() || !(r.documents().get(0).root() instanceof YamlMap m)) {
      return Optional.empty();
    }
    return m.string("id");
  }

  private static List<Shown> shown(Path root, PackProblems problems) {
    String prefix = root.toString() + root.getFileSystem().getSeparator();
    List<Shown> out = new ArrayList<>();
    for (PackProblems.Problem p : problems.list()) {
      String file = p.pos().file();
      if (file.startsWith(prefix)) {
        file = file.substring(prefix.length());
      }
      out.add(new Shown(file + ":" + p.pos().line() + ":" + p.pos().column(), p.message(), p.hint()));
    }
    return out;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
