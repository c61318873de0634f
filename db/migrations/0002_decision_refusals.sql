-- 0002: decisions the portal refused. A decision the portal will not take (409 lease held by
-- another desk, 410 expired, 422 …) is moved here from `decisions`, in the same transaction
-- that fails its outbox row and turns the cached declaration back to pending, so the dossier
-- can be decided again and no SMS or e-mail is ever planned for it.
CREATE TABLE refused_decisions (
  id                  INTEGER PRIMARY KEY,
  dossier_no          TEXT NOT NULL,
  declaration_version INTEGER NOT NULL,
  outcome             TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected')),
  reason_code         TEXT NOT NULL DEFAULT '',
  reason_text         TEXT NOT NULL DEFAULT '',
  officer_id          TEXT NOT NULL,
  lease_id            TEXT NOT NULL DEFAULT '',
  decided_at_ms       INTEGER NOT NULL,
  idempotency_key     TEXT NOT NULL UNIQUE,
  checks_json         TEXT NOT NULL,
  refused_at_ms       INTEGER NOT NULL,
  portal_error_code   TEXT NOT NULL,   -- portal.conflict, portal.expired, portal.invalid, …
  portal_error        TEXT NOT NULL    -- the portal's own words, for the supervisor
) STRICT;
CREATE INDEX refused_decisions_dossier ON refused_decisions(dossier_no, refused_at_ms);
