package io.trafficlab.web.account;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Server-side sessions in the database (so several web nodes can share them), one per signed-in
 * browser, each with its CSRF token. Anonymous visitors have none ({@link SessionFilter}). Expired
 * rows are deleted when seen and by {@link ExpiredSessionSweeper}.
 */
public final class SessionStore {
  public static final Duration LIFETIME = Duration.ofDays(14);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** @param userId null for an anonymous visitor */
  public record Session(String id, Long userId, String csrfToken, Instant expiresAt) {}

  private final DataSource ds;
  private final Clock clock;

  public SessionStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  public Session create(Long userId) {
    Session s = new Session(token(), userId, token(), clock.instant().plus(LIFETIME));
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO sessions(id, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)")) {
      ps.setString(1, s.id());
      if (userId == null) {
        ps.setNull(2, java.sql.Types.BIGINT);
      } else {
        ps.setLong(2, userId);
      }
      ps.setString(3, s.csrfToken());
      ps.setTimestamp(4, Timestamp.from(clock.instant()));
      ps.setTimestamp(5, Timestamp.from(s.expiresAt()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create session", e);
    }
    return s;
  }

  public Optional<Session> find(String id) {
    if (id == null || id.length() != 43) {
      return Optional.empty();
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, user_id, csrf_token, expires_at FROM sessions WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long uid = rs.getLong(2);
        Long userId = rs.wasNull() ? null : uid;
        Instant expires = rs.getTimestamp(4).toInstant();
        if (expires.isBefore(clock.instant())) {
          delete(id);
          return Optional.empty();
        }
        return Optional.of(new Session(rs.getString(1), userId, rs.getString(3), expires));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read session", e);
    }
  }

  public void delete(String id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete session", e);
    }
  }

  /** Deletes every expired session; answers how many. */
  public int deleteExpired() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete expired sessions", e);
    }
  }

  /** How many sessions there are (expired ones not yet deleted included). */
  public long count() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sessions");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count sessions", e);
    }
  }

  /** 256 random bits, URL-safe (43 characters). */
  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
