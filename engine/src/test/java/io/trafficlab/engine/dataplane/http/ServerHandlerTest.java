package io.trafficlab.engine.dataplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServerHandlerTest {

  @Test
  void pipelinedRequestsStopTheReadingWhenTooManyWaitAndItResumesAsTheyAreAnswered() {
    List<CompletableFuture<ResponseMessage>> pending = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new ServerHandler((info, request) -> {
      seen.add(request.uri());
      CompletableFuture<ResponseMessage> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }, false));
    int sent = ServerHandler.MAX_QUEUED + 2;
    for (int i = 0; i < sent; i++) {
      ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/" + i));
    }

    assertThat(seen).containsExactly("/0");
    assertThat(ch.config().isAutoRead()).isFalse();

    for (int i = 0; i < sent; i++) {
      pending.get(i).complete(ResponseMessage.text(200, "r" + i));
      ch.runPendingTasks();
      ByteBuf out = ch.readOutbound();
      assertThat(out.toString(StandardCharsets.ISO_8859_1)).endsWith("r" + i);
      out.release();
    }

    assertThat(seen).hasSize(sent).endsWith("/" + (sent - 1));
    assertThat(ch.config().isAutoRead()).isTrue();
    ch.finishAndReleaseAll();
  }
}
