package io.trafficlab.web.exercise;

import io.javalin.http.NotFoundResponse;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.pack.PackCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exercises by pack, id and variant, parsed once and cached (packs do not change while serving).
 * A signed-in learner keeps one stable variant per exercise, derived from the account id and the
 * exercise; anonymous visitors get variant 0.
 */
public final class Exercises {
  private final PackCatalog packs;
  private final ExerciseParser parser = new ExerciseParser();
  private final ConcurrentHashMap<String, Exercise> cache = new ConcurrentHashMap<>();

  public Exercises(PackCatalog packs) {
    this.packs = packs;
  }

  /** The pack and the exercise source, or 404. */
  public Pack pack(String packId) {
    return packs.get(packId).orElseThrow(() -> new NotFoundResponse("No such pack")).pack();
  }

  public ExerciseSource source(Pack pack, String exerciseId) {
    return pack.exercise(exerciseId).orElseThrow(() -> new NotFoundResponse("No such exercise"));
  }

  /** The exercise for this visitor's variant, or 404 when its files cannot be read. */
  public Exercise forVisitor(Pack pack, String exerciseId, Visitor v) {
    ExerciseSource src = source(pack, exerciseId);
    int variant = v.user().map(u -> variantFor(u.id(), pack.id() + "/" + src.id(), src.variants().size())).orElse(0);
    return variant(pack, src, variant);
  }

  public Exercise variant(Pack pack, ExerciseSource src, int variant) {
    Exercise ex = cache.computeIfAbsent(pack.id() + "/" + src.id() + "#" + variant,
        k -> parser.parse(pack.id(), src, variant).exercise());
    if (ex == null) {
      throw new NotFoundResponse("This exercise's files cannot be read; an instructor can see why with trafficlab pack validate.");
    }
    return ex;
  }

  /** The exercise's title (variant 0), or its id when its files cannot be read. */
  public String title(String packId, String exerciseId) {
    try {
      Pack pack = pack(packId);
      return variant(pack, source(pack, exerciseId), 0).title();
    } catch (NotFoundResponse e) {
      return exerciseId;
    }
  }

  /** A stable variant in {@code [0, count)} from the account and the exercise (SHA-256, not hashCode). */
  static int variantFor(long userId, String exerciseRef, int count) {
    if (count <= 1) {
      return 0;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest((userId + ":" + exerciseRef).getBytes(StandardCharsets.UTF_8));
      int v = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
      return Math.floorMod(v, count);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
