package io.trafficlab.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.web.FakeLab;
import io.trafficlab.web.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApiLimitsTest {

  @Test
  void pastTheQueueTheApiAnswers429WithRetryAfterAndRecoversWhenTheQueueDrains() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (TestApp t = TestApp.start(new FakeLab(id -> true, gate), 1, 1)) {
      List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        waiting.add(t.http.sendAsync(HttpRequest.newBuilder(t.uri(ApiTest.GRADE))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(ApiTest.VALID)).build(), HttpResponse.BodyHandlers.ofString()));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (t.deps.grading().inFlight() < 2 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(t.deps.grading().inFlight()).isEqualTo(2);

      HttpResponse<String> busy = t.post(ApiTest.GRADE, "application/yaml", ApiTest.VALID);

      ApiTest.assertError(busy, 429, "busy");
      assertThat(busy.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
      gate.countDown();
      for (var f : waiting) {
        assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(t.post(ApiTest.GRADE, "application/yaml", ApiTest.VALID).statusCode()).isEqualTo(200);
      assertThat(t.get("/metrics").body()).contains("trafficlab_gradings_total{status=\"rejected\"} 1.0");
    }
  }

  @Test
  void healthzIs503WhenTheDatabaseIsGone() throws Exception {
    try (TestApp t = TestApp.start()) {
      t.db.close();

      HttpResponse<String> r = t.get("/healthz");

      ApiTest.assertError(r, 503, "database_unavailable");
    }
  }
}
