-- Which hints a signed-in learner opened: how many of a task's hints are shown, per exercise and
-- variant (a variant substitutes its own values into the hints, so each keeps its own count).
-- Kept here rather than in memory so a restart does not fold them again and every web node sharing
-- the database shows the same. Anonymous visitors have no row: like their attempts, their hints
-- are not stored. Portable SQL for H2 and PostgreSQL.
CREATE TABLE opened_hints (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  pack_id VARCHAR(100) NOT NULL,
  exercise_id VARCHAR(100) NOT NULL,
  variant INT NOT NULL,
  task INT NOT NULL,
  shown INT NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (user_id, pack_id, exercise_id, variant, task)
);
