package io.trafficlab.web.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** Accounts in the {@code users} table. E-mail addresses are stored lower-case. */
public final class UserRepository {
  private final DataSource ds;

  public UserRepository(DataSource ds) {
    this.ds = ds;
  }

  /** Creates an account; empty when the e-mail address is taken. */
  public Optional<User> create(String email, String displayName, String passwordHash, Role role) {
    String e = normalize(email);
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO users(email, display_name, password_hash, role, created_at) VALUES (?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, e);
      ps.setString(2, displayName);
      ps.setString(3, passwordHash);
      ps.setString(4, role.name());
      ps.setTimestamp(5, Timestamp.from(Instant.now()));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return Optional.of(new User(keys.getLong(1), e, displayName, role));
      }
    } catch (SQLException ex) {
      if (findByEmail(e).isPresent()) {
        return Optional.empty();
      }
      throw new IllegalStateException("cannot create user", ex);
    }
  }

  public Optional<User> findByEmail(String email) {
    return one("SELECT id, email, display_name, role FROM users WHERE email = ?", normalize(email));
  }

  public Optional<User> findById(long id) {
    return one("SELECT id, email, display_name, role FROM users WHERE id = ?", id);
  }

  public Optional<String> passwordHash(String email) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
      ps.setString(1, normalize(email));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot read user", ex);
    }
  }

  public void setRole(long id, Role role) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ? WHERE id = ?")) {
      ps.setString(1, role.name());
      ps.setLong(2, id);
      ps.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot update user", ex);
    }
  }

  public List<User> learners() {
    List<User> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, email, display_name, role FROM users ORDER BY display_name, email");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot list users", ex);
    }
    return out;
  }

  private Optional<User> one(String sql, Object arg) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot read user", ex);
    }
  }

  private static User map(ResultSet rs) throws SQLException {
    return new User(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)));
  }

  static String normalize(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }
}
