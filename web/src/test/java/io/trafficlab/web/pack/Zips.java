package io.trafficlab.web.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip files in memory for upload tests. */
public final class Zips {
  private Zips() {}

  public static byte[] of(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** The labs test pack under {@code folder/}, with its id changed to {@code id} and edits applied. */
  public static Map<String, byte[]> testPack(String folder, String id, Map<String, String> edits) throws IOException {
    Path root = Path.of("../labs/src/test/resources/packs/test-pack");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        String text = Files.readString(p);
        if (rel.equals("pack.yaml")) {
          text = text.replace("id: test-pack", "id: " + id);
        }
        text = edits.getOrDefault(rel, text);
        entries.put((folder.isEmpty() ? "" : folder + "/") + rel, text.getBytes(StandardCharsets.UTF_8));
      }
    }
    return entries;
  }
}
