package io.trafficlab.web.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeZipTest {
  @TempDir
  Path tmp;

  static byte[] zip(String name, byte[] content) throws Exception {
    return Zips.of(Map.of(name, content));
  }

  @Test
  void extractsFilesAndFolders() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("p/pack.yaml", "id: p\n".getBytes(StandardCharsets.UTF_8));
    entries.put("p/lessons/01.md", "# hi\n".getBytes(StandardCharsets.UTF_8));
    Path target = Files.createDirectory(tmp.resolve("t"));

    int files = SafeZip.extract(new ByteArrayInputStream(Zips.of(entries)), target, SafeZip.Limits.DEFAULT);

    assertThat(files).isEqualTo(2);
    assertThat(Files.readString(target.resolve("p/lessons/01.md"))).isEqualTo("# hi\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.txt", "p/../../evil.txt", "/etc/evil", "C:/evil.txt", "p\\..\\evil.txt", "./x"})
  void entriesThatWouldLeaveTheFolderAreRefused(String name) throws Exception {
    Path target = Files.createDirectory(tmp.resolve("t"));

    assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(zip(name, new byte[] {1})), target,
        SafeZip.Limits.DEFAULT)).isInstanceOf(SafeZip.Refused.class).hasMessageContaining("entry");
    assertThat(tmp.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void aZipBombStopsAtTheSizeLimitWhateverItsHeadersSay() throws Exception {
    byte[] zeros = new byte[3 * 1024 * 1024];
    byte[] bomb = zip("p/big.yaml", zeros);
    assertThat(bomb.length).isLessThan(10_000);
    Path target = Files.createDirectory(tmp.resolve("t"));

    assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(bomb), target, SafeZip.Limits.DEFAULT))
        .isInstanceOf(SafeZip.Refused.class).hasMessageContaining("more than 2048 KiB");
  }

  @Test
  void theTotalSizeAndEntryCountAreCapped() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      entries.put("f" + i, new byte[100]);
    }
    byte[] z = Zips.of(entries);

    assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(z), Files.createDirectory(tmp.resolve("a")),
        new SafeZip.Limits(4, 1000, 10_000, 5))).hasMessageContaining("more than 4 entries");
    assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(z), Files.createDirectory(tmp.resolve("b")),
        new SafeZip.Limits(100, 1000, 250, 5))).hasMessageContaining("unpacks to more than");
  }

  @Test
  void somethingThatIsNotAZipIsRefused() throws Exception {
    assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)),
        Files.createDirectory(tmp.resolve("t")), SafeZip.Limits.DEFAULT))
        .isInstanceOf(SafeZip.Refused.class).hasMessageContaining("not a zip");
  }
}
