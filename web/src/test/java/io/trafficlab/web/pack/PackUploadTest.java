package io.trafficlab.web.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.web.TestApp;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.account.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PackUploadTest {
  static TestApp t;
  static TestBrowser teacher;
  static final String GRADE = "/api/v1/exercises/%s/header-canary/grade";

  @BeforeAll
  static void start() throws Exception {
    t = TestApp.start();
    teacher = t.signedIn("teacher@example.com", Role.INSTRUCTOR);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  HttpResponse<String> upload(byte[] zip) throws Exception {
    teacher.get("/instructor/packs");
    return teacher.postFile("/instructor/packs", "pack", "pack.zip", zip);
  }

  @Test
  void thePacksPageListsPacksWithTheirState() throws Exception {
    HttpResponse<String> r = teacher.get("/instructor/packs");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Test pack").contains("<code class=\"muted\">test-pack</code>")
        .contains("No problems found.").contains("enctype=\"multipart/form-data\"");
  }

  @Test
  void anUploadedPackIsServedAtOnceAndKeptInTheDataDir() throws Exception {
    HttpResponse<String> r = upload(Zips.of(Zips.testPack("fresh-pack", "fresh-pack", Map.of())));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location").orElse("")).isEqualTo("/instructor/packs?done=fresh-pack&what=installed");
    assertThat(teacher.get("/instructor/packs?done=fresh-pack&what=installed").body())
        .contains("Installed pack fresh-pack");
    assertThat(teacher.get("/packs/fresh-pack/lessons/01-header-canary").statusCode()).isEqualTo(200);
    assertThat(t.post(GRADE.formatted("fresh-pack"), "application/yaml", "a: 1\n").statusCode()).isEqualTo(200);
    assertThat(t.dataDir.resolve("packs/fresh-pack/pack.yaml")).exists();
    assertThat(t.dataDir.resolve("uploads")).isEmptyDirectory();
  }

  @Test
  void uploadingAgainReplacesThePackAndItsLessons() throws Exception {
    upload(Zips.of(Zips.testPack("", "swap-pack", Map.of())));
    String lesson = "/packs/swap-pack/lessons/01-header-canary";
    assertThat(teacher.get(lesson).body()).doesNotContain("Brand new wording");
    String changed = new String(Files.readAllBytes(java.nio.file.Path.of(
        "../labs/src/test/resources/packs/test-pack/lessons/01-header-canary.md")), StandardCharsets.UTF_8)
        + "\nBrand new wording.\n";

    HttpResponse<String> r = upload(Zips.of(Zips.testPack("", "swap-pack",
        Map.of("lessons/01-header-canary.md", changed))));

    assertThat(r.headers().firstValue("Location").orElse("")).endsWith("what=replaced");
    assertThat(teacher.get(lesson).body()).contains("Brand new wording");
  }

  @Test
  void aPackWithProblemsIsRefusedWithFileAndLine() throws Exception {
    HttpResponse<String> r = upload(Zips.of(Zips.testPack("bad-pack", "bad-pack", Map.of(
        "exercises/header-canary/exercise.yaml", "id: header-canary\ntitle: T\ntasks: [a]\nchecks:\n  - id: c\n    points: many\n"))));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("The pack bad-pack has").contains("nothing was installed")
        .contains("<code>exercises/header-canary/exercise.yaml:");
    assertThat(t.deps.packs().find("bad-pack")).isEmpty();
  }

  @Test
  void unsafeOrBrokenUploadsAreRefusedWithAReason() throws Exception {
    assertThat(upload(Zips.of(Map.of("../evil/pack.yaml", "id: evil\n".getBytes(StandardCharsets.UTF_8)))).body())
        .contains("points outside its folder");
    assertThat(upload("not a zip".getBytes(StandardCharsets.UTF_8)).body()).contains("not a zip archive");
    assertThat(upload(Zips.of(Map.of("readme.txt", "hi".getBytes(StandardCharsets.UTF_8)))).body())
        .contains("must hold pack.yaml");
    assertThat(upload(Zips.of(Map.of("pack.yaml", "id: Bad_Id\n".getBytes(StandardCharsets.UTF_8)))).body())
        .contains("needs an id of lower-case letters");
  }

  @Test
  void anUploadOverTheCapIsRefused() throws Exception {
    HttpResponse<String> r = upload(new byte[6 * 1024 * 1024]);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("at most 5 MiB");
  }

  @Test
  void anUploadFarOverTheCapIsStillAnsweredWithThePage() throws Exception {
    HttpResponse<String> r = upload(new byte[20 * 1024 * 1024]);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("The request is larger than 8 MiB.");
  }

  @Test
  void aDisabledPackDisappearsForLearnersAndTheApiUntilEnabledAgain() throws Exception {
    upload(Zips.of(Zips.testPack("toggle-pack", "toggle-pack", Map.of())));
    teacher.get("/instructor/packs");

    assertThat(teacher.post("/instructor/packs/toggle-pack/enabled", Map.of("enabled", "false")).statusCode())
        .isEqualTo(303);
    assertThat(teacher.get("/").body()).doesNotContain("/packs/toggle-pack/");
    assertThat(teacher.get("/packs/toggle-pack/lessons/01-header-canary").statusCode()).isEqualTo(404);
    assertThat(t.post(GRADE.formatted("toggle-pack"), "application/yaml", "a: 1\n").statusCode()).isEqualTo(404);
    assertThat(teacher.get("/instructor/packs").body()).contains("disabled");

    teacher.post("/instructor/packs/toggle-pack/enabled", Map.of("enabled", "true"));
    assertThat(teacher.get("/").body()).contains("/packs/toggle-pack/");
    assertThat(teacher.post("/instructor/packs/nope/enabled", Map.of("enabled", "true")).statusCode()).isEqualTo(404);
  }
}
