package io.trafficlab.engine.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceLogTest {
  private static final ExchangeTrace TRACE =
      new ExchangeTrace(List.of("UT"), "route", 1, "v1", null, List.of());

  @Test
  void aTraceIsTakenOnceUnderItsId() {
    TraceLog log = new TraceLog();
    String id = log.newId();

    log.put(id, TRACE);

    assertThat(log.take(id)).contains(TRACE);
    assertThat(log.take(id)).isEmpty();
    assertThat(log.newId()).isNotEqualTo(id);
  }

  @Test
  void untakenTracesAreBoundedSoANeglectfulClientCannotExhaustMemory() {
    TraceLog log = new TraceLog();
    for (int i = 0; i < TraceLog.CAPACITY + 10; i++) {
      log.put(Integer.toString(i), TRACE);
    }

    assertThat(log.size()).isEqualTo(TraceLog.CAPACITY);
    assertThat(log.take(Integer.toString(TraceLog.CAPACITY + 5))).isEmpty();
  }
}
