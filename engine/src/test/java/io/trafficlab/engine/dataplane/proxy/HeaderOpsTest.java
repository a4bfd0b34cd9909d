package io.trafficlab.engine.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.route.HeaderOp;
import io.trafficlab.engine.dataplane.http.Headers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderOpsTest {

  @Test
  void operationsApplyInOrderSetOverwritesAddAppendsRemoveDeletesEveryValue() {
    Headers h = Headers.EMPTY.add("x-a", "1").add("x-a", "2").add("x-b", "keep").add("x-c", "old");

    Headers out = HeaderOps.apply(h, List.of(HeaderOp.remove("x-a"), HeaderOp.set("x-c", "new"),
        HeaderOp.add("x-b", "more"), HeaderOp.set("x-d", "d")));

    assertThat(out.getAll("x-a")).isEmpty();
    assertThat(out.getAll("x-b")).containsExactly("keep", "more");
    assertThat(out.getAll("x-c")).containsExactly("new");
    assertThat(out.get("x-d")).isEqualTo("d");
  }

  @Test
  void hopByHopHeadersAreDroppedAndOthersKeptInOrder() {
    Headers h = Headers.of(Map.of("connection", "close")).add("x-one", "1")
        .add("transfer-encoding", "chunked").add("content-length", "3").add("x-two", "2");

    assertThat(HeaderOps.withoutHopByHop(h).entries()).extracting(Headers.Entry::name)
        .containsExactly("x-one", "x-two");
  }
}
