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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The packs the web app serves: the built-in pack(s) shipped in the jar, then any {@code --packs}
 * directories, then packs uploaded by instructors. A pack whose files have problems is still listed
 * for instructors, with its problems.
 *
 * <p>Thread safety: the catalogue is an immutable snapshot swapped atomically, so a request sees
 * either the old or the new pack, never a half-loaded one; writers are serialised. Learner-facing
 * lookups ({@link #all}, {@link #get}) skip packs an instructor disabled; {@link #everything} and
 * {@link #find} see every pack.
 */
public final class PackCatalog {

  /**
   * A pack as loaded, with the problems its files have.
   *
   * @param generation increases each time any pack is added or replaced; caches key on it
   */
  public record Entry(Pack pack, PackProblems problems, String origin, long generation) {
    public Entry(Pack pack, PackProblems problems, String origin) {
      this(pack, problems, origin, 0);
    }
  }

  private final AtomicLong generations = new AtomicLong();
  private volatile Map<String, Entry> packs = Map.of();
  private volatile Supplier<Set<String>> disabled = Set::of;

  public static PackCatalog load(List<Path> extraDirs) {
    PackCatalog c = new PackCatalog();
    for (Path dir : builtInPackDirs()) {
      c.add(dir, "built-in");
    }
    for (Path root : extraDirs) {
      c.addAll(root, root.toString());
    }
    return c;
  }

  /** Adds {@code root} when it is a pack, else every pack folder directly inside it. */
  public void addAll(Path root, String origin) {
    if (Files.isRegularFile(root.resolve("pack.yaml"))) {
      add(root, origin);
    } else {
      for (Path dir : children(root)) {
        if (Files.isRegularFile(dir.resolve("pack.yaml"))) {
          add(dir, origin);
        }
      }
    }
  }

  /** Loads the pack in {@code dir} and adds it, replacing a pack with the same id. */
  public Entry add(Path dir, String origin) {
    PackLoader.Loaded loaded = new PackLoader().load(dir);
    return put(loaded.pack(), loaded.problems(), origin);
  }

  /** Adds or replaces a pack at run time; requests already running keep the pack they started with. */
  public synchronized Entry put(Pack pack, PackProblems problems, String origin) {
    Entry e = new Entry(pack, problems, origin, generations.incrementAndGet());
    Map<String, Entry> next = new LinkedHashMap<>(packs);
    next.put(pack.id(), e);
    packs = Collections.unmodifiableMap(next);
    return e;
  }

  /** Where the ids of disabled packs come from (the pack_settings table). */
  public void useSettings(Supplier<Set<String>> disabledIds) {
    this.disabled = disabledIds;
  }

  /** The packs learners see: every enabled pack. */
  public List<Entry> all() {
    Set<String> off = disabled.get();
    return packs.values().stream().filter(e -> !off.contains(e.pack().id())).toList();
  }

  /** An enabled pack (learner pages and the API answer 404 for a disabled one). */
  public Optional<Entry> get(String id) {
    Entry e = packs.get(id);
    return e == null || disabled.get().contains(id) ? Optional.empty() : Optional.of(e);
  }

  /** Every pack, enabled or not (instructor pages). */
  public List<Entry> everything() {
    return List.copyOf(packs.values());
  }

  /** A pack whether enabled or not (instructor pages). */
  public Optional<Entry> find(String id) {
    return Optional.ofNullable(packs.get(id));
  }

  public boolean enabled(String id) {
    return !disabled.get().contains(id);
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
