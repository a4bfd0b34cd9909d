package io.trafficlab.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.labs.run.EngineTrafficLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden grading cases (Exercism style): {@code grading/<case>/{exercise.txt, submission.yaml,
 * expected-report.json}} graded on the real engine with seed 1 and a fixed clock. What real time
 * decides is normalised: {@code durationMs}, the traces' {@code latencyMs}, the echo body's
 * {@code x-trafficlab-time} header and the body length. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change (and review
 * the diff).
 */
class GoldenGradingTest {
  static final Path GRADING = Path.of("src/test/resources/grading");
  static final Path PACKS = Path.of("src/test/resources/packs");
  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"pass", "partial", "fail", "error"})
  void reportMatchesTheGoldenFile(String name) throws IOException {
    Path dir = GRADING.resolve(name);
    String[] ref = Files.readString(dir.resolve("exercise.txt")).strip().split("/");
    var src = new PackLoader().load(PACKS.resolve(ref[0])).pack().exercise(ref[1]).orElseThrow();
    Exercise ex = new ExerciseParser().parse(ref[0], src, 0).exercise();

    GradeReport report = new Grader(new ConfigFrontEnd(), new EngineTrafficLab())
        .grade(ex, Files.readString(dir.resolve("submission.yaml")), Grader.Options.DEFAULT, () -> 0L);

    JsonNode actual = normalise(ReportJson.toJson(report));
    Path expectedFile = dir.resolve("expected-report.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expectedFile, actual.toPrettyString() + "\n");
    }
    assertThat(actual.toPrettyString()).isEqualTo(JSON.readTree(expectedFile.toFile()).toPrettyString());
    assertThat(report.status().wireName()).isEqualTo(name.equals("partial") ? "fail" : name);
  }

  /**
   * Real time and map iteration order are not the report's meaning: durations and latencies become
   * 0, and a pod's echo body (JSON whose key order follows an unordered map) gets sorted keys.
   */
  static JsonNode normalise(ObjectNode report) throws IOException {
    report.put("durationMs", 0.0);
    for (JsonNode check : report.path("checks")) {
      for (JsonNode trace : check.path("traces")) {
        ObjectNode t = (ObjectNode) trace;
        t.put("latencyMs", 0.0);
        if (t.path("body").asText().startsWith("{")) {
          JsonNode body = JSON.readTree(t.path("body").asText());
          if (body.path("headers").has("x-trafficlab-time")) {
            ((ObjectNode) body.path("headers")).put("x-trafficlab-time", "0");
          }
          t.put("body", sorted(body).toString());
        }
        if (t.path("responseHeaders").has("content-length")) {
          ((ObjectNode) t.path("responseHeaders")).put("content-length", "0");
        }
      }
    }
    return report;
  }

  static JsonNode sorted(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      new java.util.TreeMap<String, JsonNode>(JSON.convertValue(n, new com.fasterxml.jackson.core.type.TypeReference<
          java.util.Map<String, JsonNode>>() { })).forEach((k, v) -> out.set(k, sorted(v)));
      return out;
    }
    if (n.isArray()) {
      var out = JSON.createArrayNode();
      n.forEach(x -> out.add(sorted(x)));
      return out;
    }
    return n;
  }
}
