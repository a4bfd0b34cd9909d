package io.trafficlab.engine.dataplane.proxy;

import io.trafficlab.engine.core.route.HeaderOp;
import io.trafficlab.engine.dataplane.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Applies a route's header operations and drops hop-by-hop headers. */
final class HeaderOps {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive",
      "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length");

  private HeaderOps() {}

  /** Applies {@code ops} in order (set overwrites, add appends, remove deletes every value). */
  static Headers apply(Headers headers, List<HeaderOp> ops) {
    Headers h = headers;
    for (HeaderOp op : ops) {
      switch (op.kind()) {
        case SET -> h = h.set(op.name(), op.value());
        case ADD -> h = h.add(op.name(), op.value());
        case REMOVE -> h = h.without(op.name());
        default -> throw new IllegalStateException("unknown header operation " + op.kind());
      }
    }
    return h;
  }

  static boolean isHopByHop(String lowerCaseName) {
    return HOP_BY_HOP.contains(lowerCaseName);
  }

  static Headers withoutHopByHop(Headers headers) {
    List<Headers.Entry> all = headers.entries();
    int i = 0;
    while (i < all.size() && !HOP_BY_HOP.contains(all.get(i).name())) {
      i++;
    }
    if (i == all.size()) {
      return headers;
    }
    Headers.Builder kept = Headers.builder(all.size());
    for (Headers.Entry e : all) {
      if (!HOP_BY_HOP.contains(e.name())) {
        kept.add(e);
      }
    }
    return kept.build();
  }
}
