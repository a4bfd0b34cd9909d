package io.trafficlab.web.exercise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How many hints of each task a signed-in learner opened ({@code opened_hints}), per exercise and
 * variant. Counts only grow, and never past a task's number of hints. Writes are an UPDATE, else an
 * INSERT (portable across H2 and PostgreSQL, unlike MERGE or ON CONFLICT); when two requests race
 * to insert the same row, the loser sees the duplicate key and updates instead.
 */
public final class OpenedHintRepository {
  /** SQLSTATE of a unique-key violation, the same on H2 and PostgreSQL. */
  private static final String DUPLICATE_KEY = "23505";
  /** Update-or-insert rounds before giving up on a row that keeps changing under us. */
  private static final int ROUNDS = 3;
  private static final String KEY = "user_id = ? AND pack_id = ? AND exercise_id = ? AND variant = ? AND task = ?";

  /** Whose hints, on which exercise and variant. */
  public record Owner(long userId, String packId, String exerciseId, int variant) {}

  private final DataSource ds;
  private final Clock clock;

  public OpenedHintRepository(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Hints shown per task (tasks without a row are absent: none shown). */
  public Map<Integer, Integer> shown(Owner o) {
    Map<Integer, Integer> out = new HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT task, shown FROM opened_hints"
            + " WHERE user_id = ? AND pack_id = ? AND exercise_id = ? AND variant = ?")) {
      ps.setLong(1, o.userId());
      ps.setString(2, o.packId());
      ps.setString(3, o.exerciseId());
      ps.setInt(4, o.variant());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getInt(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read opened hints", e);
    }
    return out;
  }

  /** Makes at least {@code atLeast} hints of the task shown (never fewer than already are). */
  public void atLeast(Owner o, int task, int atLeast) {
    if (atLeast <= 0) {
      return;
    }
    try (Connection c = ds.getConnection()) {
      for (int round = 0; round < ROUNDS; round++) {
        if (update(c, "UPDATE opened_hints SET shown = ?, updated_at = ? WHERE " + KEY + " AND shown < ?",
            o, task, atLeast, atLeast) > 0 || insert(c, o, task, atLeast) || read(c, o, task) >= atLeast) {
          return;
        }
      }
      throw new IllegalStateException("opened hints of " + o + " task " + task + " keep changing");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save opened hints", e);
    }
  }

  /** Opens the next hint of the task, up to {@code total}; answers how many are shown now. */
  public int next(Owner o, int task, int total) {
    if (total <= 0) {
      return 0;
    }
    try (Connection c = ds.getConnection()) {
      for (int round = 0; round < ROUNDS; round++) {
        if (update(c, "UPDATE opened_hints SET shown = shown + 1, updated_at = ? WHERE " + KEY + " AND shown < ?",
            o, task, null, total) > 0) {
          return Math.min(total, read(c, o, task));
        }
        if (insert(c, o, task, 1)) {
          return 1;
        }
        int now = read(c, o, task);
        if (now >= total) {
          return total;
        }
        // The row appeared between our UPDATE and INSERT: count this click on it in the next round.
      }
      throw new IllegalStateException("opened hints of " + o + " task " + task + " keep changing");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save opened hints", e);
    }
  }

  /** Runs an UPDATE whose parameters are {@code [shown,] updated_at, key..., bound}. */
  private int update(Connection c, String sql, Owner o, int task, Integer shown, int bound) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (shown != null) {
        ps.setInt(i++, shown);
      }
      ps.setTimestamp(i++, Timestamp.from(clock.instant()));
      i = bindKey(ps, i, o, task);
      ps.setInt(i, bound);
      return ps.executeUpdate();
    }
  }

  /** Inserts the row; false when it exists already (another request was first). */
  private boolean insert(Connection c, Owner o, int task, int shown) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO opened_hints"
        + "(user_id, pack_id, exercise_id, variant, task, shown, updated_at) VALUES (?,?,?,?,?,?,?)")) {
      int i = bindKey(ps, 1, o, task);
      ps.setInt(i++, shown);
      ps.setTimestamp(i, Timestamp.from(clock.instant()));
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_KEY.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private int read(Connection c, Owner o, int task) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT shown FROM opened_hints WHERE " + KEY)) {
      bindKey(ps, 1, o, task);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private static int bindKey(PreparedStatement ps, int from, Owner o, int task) throws SQLException {
    int i = from;
    ps.setLong(i++, o.userId());
    ps.setString(i++, o.packId());
    ps.setString(i++, o.exerciseId());
    ps.setInt(i++, o.variant());
    ps.setInt(i++, task);
    return i;
  }
}
