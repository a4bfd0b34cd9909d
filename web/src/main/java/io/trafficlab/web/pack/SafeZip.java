package io.trafficlab.web.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Extracts an uploaded zip without trusting it: entry names cannot leave the target folder (no
 * {@code ..}, absolute paths, drive letters or backslashes: zip-slip), and sizes are counted while
 * bytes are written, not taken from headers, so a zip bomb stops at the limit. Only files and
 * folders are created (no links).
 */
final class SafeZip {

  /** Caps on what one upload may unpack to. */
  record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxDepth) {
    static final Limits DEFAULT = new Limits(2_000, 2L * 1024 * 1024, 20L * 1024 * 1024, 12);
  }

  /** The upload is refused; the message says why, for the instructor. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private SafeZip() {}

  /** Extracts into {@code target} (which must exist and be empty); returns the number of files. */
  static int extract(InputStream in, Path target, Limits limits) throws Refused, IOException {
    Path root = target.toAbsolutePath().normalize();
    int entries = 0;
    int files = 0;
    long total = 0;
    byte[] buf = new byte[8192];
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (++entries > limits.maxEntries()) {
          throw new Refused("the zip has more than " + limits.maxEntries() + " entries");
        }
        String name = e.getName();
        if (name.startsWith("__MACOSX/") || name.endsWith(".DS_Store")) {
          continue;
        }
        Path dest = resolve(root, name, limits);
        if (e.isDirectory()) {
          Files.createDirectories(dest);
          continue;
        }
        Files.createDirectories(dest.getParent());
        if (Files.exists(dest)) {
          throw new Refused("the zip contains " + name + " twice");
        }
        long written = 0;
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW)) {
          int n;
          while ((n = zip.read(buf)) > 0) {
            written += n;
            total += n;
            if (written > limits.maxEntryBytes()) {
              throw new Refused(name + " unpacks to more than " + limits.maxEntryBytes() / 1024 + " KiB");
            }
            if (total > limits.maxTotalBytes()) {
              throw new Refused("the zip unpacks to more than " + limits.maxTotalBytes() / (1024 * 1024) + " MiB");
            }
            out.write(buf, 0, n);
          }
        }
        files++;
      }
    } catch (ZipException e) {
      throw new Refused("the file is not a valid zip archive (" + e.getMessage() + ")");
    }
    if (files == 0) {
      throw new Refused("the upload is not a zip archive, or the archive has no files");
    }
    return files;
  }

  private static Path resolve(Path root, String name, Limits limits) throws Refused {
    if (name.isEmpty() || name.indexOf('\0') >= 0 || name.contains("\\") || name.startsWith("/")
        || name.matches("^[A-Za-z]:.*")) {
      throw new Refused("the zip has an unsafe entry name: " + shown(name));
    }
    String[] parts = name.split("/");
    if (parts.length > limits.maxDepth()) {
      throw new Refused("the zip nests folders deeper than " + limits.maxDepth() + " levels: " + shown(name));
    }
    for (String p : parts) {
      if (p.equals("..") || p.equals(".")) {
        throw new Refused("the zip has an entry that points outside its folder: " + shown(name));
      }
    }
    Path dest = root.resolve(name).normalize();
    if (!dest.startsWith(root) || dest.equals(root)) {
      throw new Refused("the zip has an entry that points outside its folder: " + shown(name));
    }
    return dest;
  }

  private static String shown(String name) {
    String s = name.replaceAll("[\\p{Cntrl}]", "?");
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
