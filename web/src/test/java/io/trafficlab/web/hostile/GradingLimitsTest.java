package io.trafficlab.web.hostile;

import static io.trafficlab.web.hostile.Hostile.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.web.TestApp;
import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The grading limits with the real engine over HTTP: a grading that would run for a hundred years
 * is stopped at the deadline with an error report, more gradings than the queue holds get 429 with
 * Retry-After, and afterwards no engine thread, socket or file descriptor is left behind and a
 * normal grading passes.
 */
class GradingLimitsTest {
  static final String GRADE = "/api/v1/exercises/" + Hostile.PACK + "/" + HostileInputTest.EXERCISE + "/grade";

  static int engineThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(th -> th.getName().startsWith(EngineRuntime.THREAD_PREFIX)).count();
  }

  static int openFileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  /** Waits (bounded) until {@code value} is at most {@code max}; returns the last value seen. */
  static int settlesAtMost(IntSupplier value, int max) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int v = value.getAsInt();
    while (v > max && System.nanoTime() < until) {
      Thread.sleep(50);
      v = value.getAsInt();
    }
    return v;
  }

  @Test
  void aRunawayGradingIsStoppedAtTheDeadlineTheQueueOverflowIs429AndNothingLeaks() throws Exception {
    String solution = Hostile.solution(HostileInputTest.EXERCISE);
    String hundredYears = solution.replace("  - route:\n",
        "  - fault: {delay: {fixedDelay: 876000h, percentage: {value: 100}}}\n    route:\n");
    assertThat(hundredYears).isNotEqualTo(solution);
    try (TestApp t = TestApp.withEngine(1, 1, Duration.ofSeconds(3))) {
      for (int i = 0; i < 2; i++) { // warm: classes loaded, pools and HTTP connections made
        assertThat(JSON.readTree(t.post(GRADE, "application/yaml", solution).body()).path("status").asText())
            .isEqualTo("pass");
      }
      // A grading's answer can reach the client a moment before its worker is back in the pool and
      // its engine threads have ended: wait for both (bounded), so the queue below starts empty and
      // the counts are taken at rest. A real leak still fails here, after the wait.
      assertThat(settlesAtMost(() -> t.deps.grading().inFlight() + t.deps.grading().running(), 0)).isZero();
      int threadsBefore = settlesAtMost(GradingLimitsTest::engineThreads, 0);
      assertThat(threadsBefore).isZero();
      int fdsBefore = openFileDescriptors();

      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sent.add(t.http.sendAsync(HttpRequest.newBuilder(t.uri(GRADE)).header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(hundredYears)).build(), HttpResponse.BodyHandlers.ofString()));
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (var f : sent) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }

      List<HttpResponse<String>> busy = answers.stream().filter(r -> r.statusCode() == 429).toList();
      List<HttpResponse<String>> graded = answers.stream().filter(r -> r.statusCode() == 200).toList();
      assertThat(busy).as("one running, one queued, one too many").hasSize(1);
      assertThat(graded).hasSize(2);
      Hostile.assertApiError(429, busy.get(0).body(), 429, "busy");
      assertThat(busy.get(0).headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 3));
      List<String> messages = new ArrayList<>();
      for (HttpResponse<String> r : graded) {
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.path("status").asText()).isEqualTo("error");
        messages.add(report.path("message").asText());
      }
      assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Grading took longer than 3 s and was stopped."));
      assertThat(messages).allSatisfy(m -> assertThat(m).matches(
          "(Grading took longer than 3 s and was stopped|The server was too busy to start this grading within 3 s).*"));

      assertThat(settlesAtMost(() -> t.deps.grading().inFlight() + t.deps.grading().running(), 0)).isZero();
      assertThat(JSON.readTree(t.post(GRADE, "application/yaml", solution).body()).path("status").asText())
          .as("a normal grading after the runaways").isEqualTo("pass");
      assertThat(settlesAtMost(GradingLimitsTest::engineThreads, threadsBefore))
          .as("engine event-loop threads left").isEqualTo(threadsBefore);
      // Slack: the HTTP client may keep two more keep-alive connections (both ends live in this JVM).
      assertThat(settlesAtMost(GradingLimitsTest::openFileDescriptors, fdsBefore + 8))
          .as("open file descriptors (sockets, epoll) against " + fdsBefore + " before")
          .isLessThanOrEqualTo(fdsBefore + 8);
      assertThat(t.get("/metrics").body()).contains("trafficlab_gradings_total{status=\"rejected\"} 1.0")
          .contains("trafficlab_gradings_total{status=\"stopped\"}");
    }
  }
}
