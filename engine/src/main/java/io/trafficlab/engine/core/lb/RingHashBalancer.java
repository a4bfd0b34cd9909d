package io.trafficlab.engine.core.lb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * consistentHash with a ring (Envoy's ring_hash): every endpoint owns {@value #POINTS_PER_HOST}
 * points on a 64-bit ring (so a ring of four pods has Envoy's minimum size, 1024), a request's key hashes to a point and the next
 * endpoint point clockwise serves it. The same key therefore reaches the same pod as long as the
 * healthy set is unchanged, and removing one pod only remaps the keys that pod owned. A request
 * without the key (header, cookie or query parameter missing) is hashed on the random value, as
 * Envoy does when no hash policy produced a hash.
 */
final class RingHashBalancer implements LoadBalancer {
  /**
   * Fixed per host (Envoy derives it from the ring size and host count), so that a host's points do
   * not move when another host leaves.
   */
  static final int POINTS_PER_HOST = 256;

  private final LbPolicy.HashKey key;
  /** The ring for the last healthy list seen; rebuilt only when the healthy set changes. */
  private volatile Ring ring;

  RingHashBalancer(LbPolicy.HashKey key) {
    this.key = key;
  }

  @Override
  public Endpoint pick(List<Endpoint> healthy, HashInput request, long random,
      ToIntFunction<Endpoint> activeRequests) {
    if (healthy.isEmpty()) {
      return null;
    }
    Ring r = ring;
    if (r == null || !r.endpoints.equals(healthy)) {
      r = new Ring(List.copyOf(healthy));
      ring = r;
    }
    String value = keyValue(request);
    long hash = value == null ? Randoms.derive(random, 0) : hash(value);
    return r.lookup(hash);
  }

  private String keyValue(HashInput request) {
    if (request == null) {
      return null;
    }
    if (key instanceof LbPolicy.Header h) {
      return request.header(h.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (key instanceof LbPolicy.Cookie c) {
      return request.cookie(c.name());
    }
    if (key instanceof LbPolicy.QueryParameter q) {
      return request.queryParam(q.name());
    }
    String source = request.sourceAddress();
    if (source == null) {
      return null;
    }
    // Hash the IP only: a client's port changes per connection.
    int colon = source.lastIndexOf(':');
    return colon > 0 && source.indexOf(':') == colon ? source.substring(0, colon) : source;
  }

  /** 64-bit FNV-1a over UTF-8 bytes, finished with a SplitMix64 mix for avalanche. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return Randoms.derive(h, 0);
  }

  private static final class Ring {
    final List<Endpoint> endpoints;
    final long[] points;
    final Endpoint[] owners;

    Ring(List<Endpoint> endpoints) {
      this.endpoints = endpoints;
      int perHost = POINTS_PER_HOST;
      int size = perHost * endpoints.size();
      long[][] pairs = new long[size][];
      int k = 0;
      for (int e = 0; e < endpoints.size(); e++) {
        String name = endpoints.get(e).name();
        for (int i = 0; i < perHost; i++) {
          pairs[k++] = new long[] {hash(name + "_" + i), e};
        }
      }
      Arrays.sort(pairs, (a, b) -> Long.compareUnsigned(a[0], b[0]));
      points = new long[size];
      owners = new Endpoint[size];
      for (int i = 0; i < size; i++) {
        points[i] = pairs[i][0];
        owners[i] = endpoints.get((int) pairs[i][1]);
      }
    }

    Endpoint lookup(long hash) {
      int lo = 0;
      int hi = points.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (Long.compareUnsigned(points[mid], hash) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return owners[lo == points.length ? 0 : lo];
    }
  }
}
