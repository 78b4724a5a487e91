-- 0005: the audit trail — every change to a record the quality manager keeps (not the imported
-- tickets themselves, whose imports are recorded in import_runs). Written by triggers the store
-- installs on each connection (they carry the OS user); never edited, only read and exported.
-- Never edit this file after it lands; add a new one instead.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    record     TEXT NOT NULL,
    record_key TEXT NOT NULL,
    old_json   TEXT,
    new_json   TEXT
) STRICT;
CREATE INDEX audit_log_record ON audit_log(record, record_key);
