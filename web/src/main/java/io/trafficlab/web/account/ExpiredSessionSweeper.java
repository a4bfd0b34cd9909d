package io.trafficlab.web.account;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired sessions when the server starts and then every {@code every}. A session that is
 * never presented again would otherwise stay in the table for good ({@link SessionStore#find} only
 * deletes the expired sessions it is asked about). Every web node sweeps; deleting what another node
 * deleted already is harmless.
 */
public final class ExpiredSessionSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiredSessionSweeper.class);

  private final SessionStore sessions;
  private final Duration every;
  private ScheduledExecutorService timer;

  public ExpiredSessionSweeper(SessionStore sessions, Duration every) {
    this.sessions = sessions;
    this.every = every;
  }

  /** Sweeps now (on a background thread) and then periodically, until {@link #close()}. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "session-sweeper");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One sweep; a database that does not answer is logged and tried again next time. */
  void sweep() {
    try {
      int n = sessions.deleteExpired();
      if (n > 0) {
        LOG.info("deleted {} expired session{}", n, n == 1 ? "" : "s");
      }
    } catch (RuntimeException e) {
      LOG.warn("could not delete expired sessions (trying again in {}): {}", every, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
