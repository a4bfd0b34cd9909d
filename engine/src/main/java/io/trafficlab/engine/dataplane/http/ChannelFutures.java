package io.trafficlab.engine.dataplane.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundInvoker;
import java.util.concurrent.CompletableFuture;

/** Small helpers so that every {@link ChannelFuture} has a listener. */
public final class ChannelFutures {
  private ChannelFutures() {}

  /**
   * Closes and ignores the outcome on purpose: a failed close leaves nothing to clean up that the
   * event loop's shutdown would not.
   */
  public static void close(ChannelOutboundInvoker channel) {
    channel.close().addListener(ignored -> { });
  }

  /** The channel future as a CompletableFuture of {@code value}. */
  public static <T> CompletableFuture<T> toCompletable(ChannelFuture f, T value) {
    CompletableFuture<T> out = new CompletableFuture<>();
    f.addListener((ChannelFutureListener) done -> {
      if (done.isSuccess()) {
        out.complete(value);
      } else {
        out.completeExceptionally(done.cause());
      }
    });
    return out;
  }
}
