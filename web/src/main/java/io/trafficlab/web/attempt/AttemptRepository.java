package io.trafficlab.web.attempt;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Attempts in the {@code attempts} table. Each save is one committed INSERT, so an attempt that was
 * reported as saved survives a crash of the server right after.
 */
public final class AttemptRepository {
  private static final String ALPHABET = "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, user_id, learner_ref, pack_id, exercise_id, variant, submission,"
      + " status, score, max_score, report_json, shared, created_at";

  /** Best score and number of attempts of one learner on one exercise (dashboard cell). */
  public record Best(Long userId, String learnerRef, String packId, String exerciseId, int bestScore,
      int maxScore, int attempts, String bestAttemptId) {}

  private final DataSource ds;

  public AttemptRepository(DataSource ds) {
    this.ds = ds;
  }

  /** A new permalink id: 10 characters from an unambiguous alphabet (~58 bits). */
  public static String newId() {
    StringBuilder sb = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  public void save(Attempt a) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO attempts(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, a.id());
      if (a.userId() == null) {
        ps.setNull(2, Types.BIGINT);
      } else {
        ps.setLong(2, a.userId());
      }
      ps.setString(3, a.learnerRef());
      ps.setString(4, a.packId());
      ps.setString(5, a.exerciseId());
      ps.setInt(6, a.variant());
      ps.setString(7, a.submission());
      ps.setString(8, a.status());
      ps.setInt(9, a.score());
      ps.setInt(10, a.maxScore());
      ps.setString(11, a.reportJson());
      ps.setBoolean(12, a.shared());
      ps.setTimestamp(13, Timestamp.from(a.createdAt()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save attempt", e);
    }
  }

  public Optional<Attempt> find(String id) {
    List<Attempt> l = query("SELECT " + COLUMNS + " FROM attempts WHERE id = ?", id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** A user's attempts on one exercise, newest first. */
  public List<Attempt> forUser(long userId, String packId, String exerciseId) {
    return query("SELECT " + COLUMNS + " FROM attempts WHERE user_id = ? AND pack_id = ? AND exercise_id = ?"
        + " ORDER BY created_at DESC", userId, packId, exerciseId);
  }

  /** Every attempt of a user, newest first (progress pages). */
  public List<Attempt> forUser(long userId) {
    return query("SELECT " + COLUMNS + " FROM attempts WHERE user_id = ? ORDER BY created_at DESC", userId);
  }

  public void setShared(String id, boolean shared) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE attempts SET shared = ? WHERE id = ?")) {
      ps.setBoolean(1, shared);
      ps.setString(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update attempt", e);
    }
  }

  /** Best score and attempt count per learner (account or API learner ref) and exercise. */
  public List<Best> bestScores() {
    List<Best> out = new ArrayList<>();
    String sql = "SELECT a.user_id, a.learner_ref, a.pack_id, a.exercise_id, MAX(a.score), MAX(a.max_score), COUNT(*)"
        + " FROM attempts a GROUP BY a.user_id, a.learner_ref, a.pack_id, a.exercise_id";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long uid = rs.getLong(1);
        Long userId = rs.wasNull() ? null : uid;
        out.add(new Best(userId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getInt(6), rs.getInt(7), null));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read scores", e);
    }
    return out;
  }

  private static final String BEST = "SELECT id, user_id, learner_ref, pack_id, exercise_id, score, max_score, n%s FROM ("
      + " SELECT a.id, a.user_id, a.learner_ref, a.pack_id, a.exercise_id, a.score, a.max_score, a.report_json,"
      + " ROW_NUMBER() OVER (PARTITION BY a.user_id, a.learner_ref, a.pack_id, a.exercise_id"
      + " ORDER BY a.score DESC, a.created_at ASC, a.id) AS rn,"
      + " COUNT(*) OVER (PARTITION BY a.user_id, a.learner_ref, a.pack_id, a.exercise_id) AS n"
      + " FROM attempts a) best WHERE rn = 1";

  /**
   * The best attempt (highest score, earliest on a tie) per learner and exercise, with the number of
   * attempts: one query with window functions (H2 2 and PostgreSQL both have them).
   */
  public List<Best> bestAttempts() {
    List<Best> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(String.format(BEST, ""));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(best(rs));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read best attempts", e);
    }
    return out;
  }

  /** The report JSON of every best attempt, by attempt id (the gradebook's per-check points). */
  public java.util.Map<String, String> bestReports() {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(String.format(BEST, ", report_json"));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(9));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read best attempts", e);
    }
    return out;
  }

  private static Best best(ResultSet rs) throws SQLException {
    long uid = rs.getLong(2);
    Long userId = rs.wasNull() ? null : uid;
    return new Best(userId, rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7),
        rs.getInt(8), rs.getString(1));
  }

  public long count() {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM attempts");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count attempts", e);
    }
  }

  private List<Attempt> query(String sql, Object... args) {
    List<Attempt> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long uid = rs.getLong(2);
          Long userId = rs.wasNull() ? null : uid;
          out.add(new Attempt(rs.getString(1), userId, rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getInt(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11),
              rs.getBoolean(12), rs.getTimestamp(13).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read attempts", e);
    }
    return out;
  }
}
