-- Every entry exactly once: submission_id is the primary key.
CREATE TABLE submissions (
    submission_id TEXT PRIMARY KEY,
    survey_id     TEXT NOT NULL,
    version       TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    respondent    TEXT NOT NULL DEFAULT '',
    device        TEXT NOT NULL DEFAULT '',
    entry         TEXT NOT NULL DEFAULT '',
    similarity    TEXT NOT NULL DEFAULT '',
    duplicate_of  TEXT,
    body          TEXT NOT NULL
);
CREATE INDEX submissions_respondent ON submissions (survey_id, respondent);
CREATE INDEX submissions_device_entry ON submissions (survey_id, device, entry);
