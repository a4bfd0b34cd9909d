package io.trafficlab.web.api;

import io.trafficlab.web.account.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * API tokens for LMS/CI callers, created by instructors. Only a SHA-256 hash of a token is stored:
 * the token is shown once, when it is created. A token acts with its creator's role, checked on
 * every use, so demoting or deleting the creator disarms their tokens.
 */
public final class ApiTokens {
  static final String PREFIX = "tlk_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token as listed (never the token itself). */
  public record Token(long id, String name, String hint, String createdBy, Instant createdAt,
      Instant lastUsedAt, boolean revoked) {}

  /** A newly created token: {@code secret} is shown once and then only its hash exists. */
  public record Created(long id, String name, String secret) {}

  /** Who a valid token acts for. */
  public record Caller(long tokenId, String tokenName, long userId, Role role) {}

  private final DataSource ds;
  private final Clock clock;

  public ApiTokens(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  public Created create(String name, long createdBy) {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO api_tokens(name, token_hash, token_hint, created_by, created_at, revoked) VALUES (?,?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, name);
      ps.setString(2, hash(secret));
      ps.setString(3, secret.substring(0, PREFIX.length() + 4));
      ps.setLong(4, createdBy);
      ps.setTimestamp(5, Timestamp.from(clock.instant()));
      ps.setBoolean(6, false);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return new Created(keys.getLong(1), name, secret);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create token", e);
    }
  }

  /** The caller a presented token stands for; empty when it is unknown or revoked. */
  public Optional<Caller> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    String sql = "SELECT t.id, t.name, u.id, u.role FROM api_tokens t JOIN users u ON u.id = t.created_by"
        + " WHERE t.token_hash = ? AND t.revoked = FALSE";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, hash(secret));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Caller caller = new Caller(rs.getLong(1), rs.getString(2), rs.getLong(3), Role.valueOf(rs.getString(4)));
        touch(c, caller.tokenId());
        return Optional.of(caller);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check token", e);
    }
  }

  private void touch(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** Every token, newest first. */
  public List<Token> list() {
    String sql = "SELECT t.id, t.name, t.token_hint, u.email, t.created_at, t.last_used_at, t.revoked"
        + " FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by ORDER BY t.created_at DESC, t.id DESC";
    List<Token> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp used = rs.getTimestamp(6);
        out.add(new Token(rs.getLong(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3),
            rs.getString(4) == null ? "(deleted)" : rs.getString(4), rs.getTimestamp(5).toInstant(),
            used == null ? null : used.toInstant(), rs.getBoolean(7)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list tokens", e);
    }
    return out;
  }

  /** Revokes a token; false when there is no such token. */
  public boolean revoke(long id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked = TRUE WHERE id = ?")) {
      ps.setLong(1, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot revoke token", e);
    }
  }

  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
