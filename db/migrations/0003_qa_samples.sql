-- 0003: the supervisor's re-check of approvals (docs/supervision.md). At every approval the desk
-- draws with a cryptographic random source whether it is re-checked; a drawn approval gets a row
-- here in the same transaction as the decision. A supervisor then confirms it or flags it (with a
-- reason from assets/lang "qa.flag.*" and a note) and may ask for a follow-up (re-contact the
-- citizen); neither changes the decision the portal has. A decision the portal refuses takes its
-- sample with it (SqliteDecisionRepository::refuse).
CREATE TABLE qa_samples (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,  -- the decision's (decisions.idempotency_key)
  dossier_no      TEXT NOT NULL,
  officer_id      TEXT NOT NULL,         -- who approved
  reason          TEXT NOT NULL CHECK (reason IN ('random', 'new_officer', 'acknowledged', 'second_officer')),
  sampled_at_ms   INTEGER NOT NULL,      -- = the decision's decided_at_ms
  state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'confirmed', 'flagged')),
  reviewer_id     TEXT NOT NULL DEFAULT '',
  reviewed_at_ms  INTEGER,
  flag_reason     TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  follow_up       INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1))
) STRICT;
CREATE INDEX qa_samples_state ON qa_samples(state, sampled_at_ms);
CREATE INDEX qa_samples_sampled ON qa_samples(sampled_at_ms);
