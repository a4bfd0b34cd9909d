package io.trafficlab.web.pack;

import io.trafficlab.labs.pack.Pack;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.labs.pack.PackProblems;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The packs the web app serves: the built-in pack(s) shipped in the jar, then any {@code --packs}
 * directories. A pack whose files have problems is still listed for instructors, with its problems.
 */
public final class PackCatalog {

  /** A pack as loaded, with the problems its files have. */
  public record Entry(Pack pack, PackProblems problems, String origin) {}

  private final Map<String, Entry> packs = new LinkedHashMap<>();

  public static PackCatalog load(List<Path> extraDirs) {
    PackCatalog c = new PackCatalog();
    for (Path dir : builtInPackDirs()) {
      c.add(dir, "built-in");
    }
    for (Path root : extraDirs) {
      if (Files.isRegularFile(root.resolve("pack.yaml"))) {
        c.add(root, root.toString());
      } else {
        for (Path dir : children(root)) {
          if (Files.isRegularFile(dir.resolve("pack.yaml"))) {
            c.add(dir, root.toString());
          }
        }
      }
    }
    return c;
  }

  void add(Path dir, String origin) {
    PackLoader.Loaded loaded = new PackLoader().load(dir);
    packs.put(loaded.pack().id(), new Entry(loaded.pack(), loaded.problems(), origin));
  }

  public List<Entry> all() {
    return List.copyOf(packs.values());
  }

  public Optional<Entry> get(String id) {
    return Optional.ofNullable(packs.get(id));
  }

  /** The pack folders inside the jar (or target/classes when run from the build). */
  static List<Path> builtInPackDirs() {
    URL url = PackCatalog.class.getResource("/io/trafficlab/web/packs");
    if (url == null) {
      return List.of();
    }
    try {
      URI uri = url.toURI();
      Path root;
      if ("jar".equals(uri.getScheme())) {
        try {
          root = FileSystems.getFileSystem(uri).provider().getPath(uri);
        } catch (FileSystemNotFoundException e) {
          root = FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
        }
      } else {
        root = Path.of(uri);
      }
      return children(root).stream().filter(d -> Files.isRegularFile(d.resolve("pack.yaml"))).toList();
    } catch (URISyntaxException | IOException e) {
      return List.of();
    }
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(Files::isDirectory).sorted().toList());
    } catch (IOException e) {
      return List.of();
    }
  }
}
