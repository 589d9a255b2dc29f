-- Every entry exactly once: submission_id is the primary key.
-- received_at is kept as the collector's ISO 8601 UTC text (it sorts in time
-- order) and body as the envelope's exact bytes, so both stores export alike.
CREATE TABLE submissions (
    submission_id TEXT PRIMARY KEY,
    survey_id     TEXT NOT NULL,
    version       TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    respondent    TEXT NOT NULL DEFAULT '',
    device        TEXT NOT NULL DEFAULT '',
    entry         TEXT NOT NULL DEFAULT '',
    similarity    TEXT NOT NULL DEFAULT '',
    duplicate_of  TEXT REFERENCES submissions (submission_id),
    body          TEXT NOT NULL
);
-- The duplicate policy rests on these: at most one unflagged entry per
-- respondent id, and per device and entry hash, in each survey. Two collector
-- processes racing with the same respondent cannot both store a first entry.
CREATE UNIQUE INDEX submissions_first_by_respondent ON submissions (survey_id, respondent)
    WHERE duplicate_of IS NULL AND respondent <> '';
CREATE UNIQUE INDEX submissions_first_by_device ON submissions (survey_id, device, entry)
    WHERE duplicate_of IS NULL AND device <> '' AND entry <> '';
CREATE INDEX submissions_received ON submissions (received_at, submission_id);
