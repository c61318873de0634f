-- 0001: the first schema of the local store. Times are Unix milliseconds (UTC) unless the
-- column keeps a portal value verbatim (RFC 3339 text).

-- Cached declarations. The queue filters, sorts and searches on columns; `json` keeps the whole
-- document so that nothing the model does not know yet is lost.
CREATE TABLE declarations (
  dossier_no         TEXT PRIMARY KEY,
  version            INTEGER NOT NULL,
  status             TEXT NOT NULL,
  kind               TEXT NOT NULL,
  request            TEXT NOT NULL,
  office_code        TEXT NOT NULL,
  submitted_at       TEXT NOT NULL,
  expires_at         TEXT NOT NULL,
  channel            TEXT NOT NULL,
  full_name          TEXT NOT NULL,
  name_folded        TEXT NOT NULL,   -- foldForSearch(full_name): no diacritics, lower case
  bhxh_code          TEXT NOT NULL,
  id_number          TEXT NOT NULL,
  phone              TEXT NOT NULL,
  email              TEXT,
  guardian_bhxh_code TEXT,
  guardian_id_number TEXT,
  updated_at         TEXT NOT NULL,
  json               TEXT NOT NULL,
  cached_at_ms       INTEGER NOT NULL
) STRICT;
CREATE INDEX declarations_queue ON declarations(office_code, status, expires_at);
CREATE INDEX declarations_name ON declarations(name_folded);
CREATE INDEX declarations_bhxh ON declarations(bhxh_code);
CREATE INDEX declarations_id ON declarations(id_number);
CREATE INDEX declarations_guardian ON declarations(guardian_id_number);
CREATE INDEX declarations_phone ON declarations(phone);

-- Files of a declaration: what the portal announced, and where the verified bytes are cached.
CREATE TABLE declaration_files (
  dossier_no   TEXT NOT NULL REFERENCES declarations(dossier_no) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  local_path   TEXT,        -- cached file on disk (checked against sha256), or
  blob         BLOB,        -- the bytes themselves for small files
  PRIMARY KEY (dossier_no, kind)
) STRICT;

-- Cards scanned at the desk. The payload is personal data: only its hash and the parsed
-- kind are kept, with the dossier it led to.
CREATE TABLE scans (
  id             INTEGER PRIMARY KEY,
  at_ms          INTEGER NOT NULL,
  card_kind      TEXT NOT NULL,   -- cccd | bhyt | cmnd
  payload_sha256 TEXT NOT NULL,
  dossier_no     TEXT,
  officer_id     TEXT,
  frame_path     TEXT             -- a captured frame, purged with the retention period
) STRICT;
CREATE INDEX scans_dossier ON scans(dossier_no);

-- The clerk's decisions: at most one per dossier.
CREATE TABLE decisions (
  id                  INTEGER PRIMARY KEY,
  dossier_no          TEXT NOT NULL UNIQUE,
  declaration_version INTEGER NOT NULL,
  outcome             TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected')),
  reason_code         TEXT NOT NULL DEFAULT '',
  reason_text         TEXT NOT NULL DEFAULT '',
  officer_id          TEXT NOT NULL,
  lease_id            TEXT NOT NULL DEFAULT '',
  decided_at_ms       INTEGER NOT NULL,
  idempotency_key     TEXT NOT NULL UNIQUE,
  checks_json         TEXT NOT NULL
) STRICT;

-- Outgoing work: one row per portal decision, SMS or e-mail.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,
  channel         TEXT NOT NULL CHECK (channel IN ('portal_decision', 'sms', 'email')),
  dossier_no      TEXT NOT NULL DEFAULT '',
  recipient       TEXT NOT NULL DEFAULT '',
  payload         TEXT NOT NULL,
  secret          TEXT,             -- erased (secure_delete) once the row leaves Queued/Sending
  state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'unknown', 'failed', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  max_attempts    INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  claimed_by      TEXT,             -- "<pid>:<process start>" of the process delivering it
  created_ms      INTEGER NOT NULL,
  updated_ms      INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  result          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_due ON outbox(state, next_attempt_ms);
CREATE INDEX outbox_dossier ON outbox(dossier_no);

-- Officer accounts (filled by the officers issue).
CREATE TABLE officers (
  id              TEXT PRIMARY KEY,   -- e.g. q6.nguyenvana
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  password_hash   TEXT NOT NULL,      -- argon2id string from crypto_pwhash_str
  disabled        INTEGER NOT NULL DEFAULT 0,
  failed_logins   INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  created_ms      INTEGER NOT NULL,
  updated_ms      INTEGER NOT NULL
) STRICT;

-- The hash-chained audit trail: append-only (the triggers refuse edits made through SQLite;
-- the chain catches edits made around it).
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at_ms      INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  officer_id TEXT NOT NULL,
  subject    TEXT NOT NULL,
  detail     TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Key/value settings changed in the app (the TOML file holds the rest).
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;

-- Incremental pull positions, per scope.
CREATE TABLE sync_state (
  scope           TEXT PRIMARY KEY,
  cursor          TEXT,
  last_success_ms INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT ''
) STRICT;
