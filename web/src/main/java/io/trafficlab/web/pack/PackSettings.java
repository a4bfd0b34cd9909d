package io.trafficlab.web.pack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Which packs instructors disabled ({@code pack_settings}). A pack without a row is enabled. Read
 * on each request, so every web node sharing the database agrees at once.
 */
public final class PackSettings {
  private final DataSource ds;
  private final Clock clock;

  public PackSettings(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  public Set<String> disabledIds() {
    Set<String> out = new HashSet<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT pack_id FROM pack_settings WHERE enabled = FALSE");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read pack settings", e);
    }
    return out;
  }

  /** Enables or disables a pack (an update, else an insert: portable across H2 and PostgreSQL). */
  public void setEnabled(String packId, boolean enabled) {
    try (Connection c = ds.getConnection()) {
      int n;
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE pack_settings SET enabled = ?, updated_at = ? WHERE pack_id = ?")) {
        ps.setBoolean(1, enabled);
        ps.setTimestamp(2, Timestamp.from(clock.instant()));
        ps.setString(3, packId);
        n = ps.executeUpdate();
      }
      if (n == 0) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO pack_settings(pack_id, enabled, updated_at) VALUES (?,?,?)")) {
          ps.setString(1, packId);
          ps.setBoolean(2, enabled);
          ps.setTimestamp(3, Timestamp.from(clock.instant()));
          ps.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save pack settings", e);
    }
  }
}
