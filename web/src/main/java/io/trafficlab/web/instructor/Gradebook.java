package io.trafficlab.web.instructor;

import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.web.account.User;
import io.trafficlab.web.attempt.AttemptRepository.Best;
import io.trafficlab.web.pack.PackCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learners × exercises grid: each cell is a learner's best score on an exercise and how many
 * attempts it took. Learners are accounts (every learner, and any instructor who made attempts) and
 * learner refs that LMS/CI callers saved attempts under. Pure: built from rows already loaded.
 */
public record Gradebook(List<Column> columns, List<Row> rows) {

  /** An exercise column. */
  public record Column(String packId, String exerciseId, String title) {
    public String ref() {
      return packId + "/" + exerciseId;
    }
  }

  /**
   * A learner row.
   *
   * @param key  {@code u:<user id>} for accounts, {@code r:<learner ref>} for API learners
   * @param csvName the name in the CSV: the e-mail address or the learner ref
   */
  public record Row(String key, String name, String detail, boolean api, String csvName, Map<String, Cell> cells) {
    public Cell cell(Column c) {
      return cells.get(c.ref());
    }

    public int attempted() {
      return cells.size();
    }
  }

  /** A learner's best attempt at one exercise. */
  public record Cell(int best, int max, int attempts, String attemptId) {
    public int percent() {
      return max == 0 ? 0 : (int) Math.round(100.0 * best / max);
    }

    /** A coarse band for colouring: full, most, some, none. */
    public String band() {
      int p = percent();
      return p >= 100 ? "full" : p >= 60 ? "most" : p > 0 ? "some" : "none";
    }
  }

  /**
   * @param packFilter    a pack id, or empty for every pack
   * @param learnerFilter a case-insensitive part of a name, e-mail address or learner ref, or empty
   */
  public static Gradebook build(List<PackCatalog.Entry> packs, List<User> users, List<Best> bests,
      String packFilter, String learnerFilter) {
    List<Column> columns = new ArrayList<>();
    for (PackCatalog.Entry e : packs) {
      if (!packFilter.isEmpty() && !e.pack().id().equals(packFilter)) {
        continue;
      }
      for (ExerciseSource src : e.pack().exercises()) {
        columns.add(new Column(e.pack().id(), src.id(), title(src)));
      }
    }
    Map<Long, User> byId = new HashMap<>();
    users.forEach(u -> byId.put(u.id(), u));
    Map<String, Row> rows = new LinkedHashMap<>();
    for (User u : users) {
      if (!u.isInstructor()) {
        rows.put("u:" + u.id(), userRow(u));
      }
    }
    for (Best b : bests) {
      if (!packFilter.isEmpty() && !b.packId().equals(packFilter)) {
        continue;
      }
      Row row;
      if (b.userId() != null) {
        User u = byId.get(b.userId());
        if (u == null) {
          continue;
        }
        row = rows.computeIfAbsent("u:" + u.id(), k -> userRow(u));
      } else if (b.learnerRef() != null) {
        row = rows.computeIfAbsent("r:" + b.learnerRef(), k -> new Row(k, b.learnerRef(), "via API", true,
            b.learnerRef(), new LinkedHashMap<>()));
      } else {
        continue;
      }
      row.cells().put(b.packId() + "/" + b.exerciseId(), new Cell(b.bestScore(), b.maxScore(), b.attempts(),
          b.bestAttemptId()));
    }
    String needle = learnerFilter.strip().toLowerCase(Locale.ROOT);
    List<Row> out = rows.values().stream()
        .filter(r -> needle.isEmpty() || (r.name() + " " + r.detail() + " " + r.csvName()).toLowerCase(Locale.ROOT)
            .contains(needle))
        .sorted(Comparator.comparing(Row::api).thenComparing(r -> r.name().toLowerCase(Locale.ROOT)))
        .toList();
    return new Gradebook(List.copyOf(columns), out);
  }

  private static Row userRow(User u) {
    return new Row("u:" + u.id(), u.displayName(), u.email(), false, u.email(), new LinkedHashMap<>());
  }

  /** The exercise's title (its first {@code title:} line, with the first variant's values). */
  static String title(ExerciseSource src) {
    for (String line : src.exerciseYaml().split("\n")) {
      if (line.startsWith("title:")) {
        String t = line.substring(6).strip();
        if (t.length() > 1 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
          t = t.substring(1, t.length() - 1);
        }
        return t.isEmpty() ? src.id() : PackLoader.substitute(t, src.variants().get(0));
      }
    }
    return src.id();
  }
}
