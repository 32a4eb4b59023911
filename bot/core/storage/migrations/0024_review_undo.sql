-- Review feature: "Undo last rating". Each member keeps, per server, the one rating of a /review session they can
-- still take back: written with the rating, in its transaction, it holds the member's row of review_states as it
-- was before that rating, column for column (every column NULL: there was no row, the card was new to them).
-- An undo puts that row back as stored (no replay of the logs), deletes the answer and its review log, and
-- deletes this row, in one transaction. The next rating of the session replaces it, and starting another session
-- deletes it: only the last rating of the member's latest session can be undone, once.
CREATE TABLE review_undo (
    guild_id        INTEGER NOT NULL,
    user_id         INTEGER NOT NULL,
    session_id      TEXT NOT NULL,                -- the session's attempts.session_id ('rv-…')
    number          INTEGER NOT NULL,             -- the card's number in the session (its Undo button's)
    card_key        TEXT NOT NULL,
    attempt_id      INTEGER NOT NULL,             -- the answer the rating came from
    log_id          INTEGER NOT NULL,             -- its review_logs row
    direction       TEXT,                         -- how the card was asked (it is asked the same way again)
    -- review_states before the rating:
    state           INTEGER,
    step            INTEGER,
    stability       REAL,
    difficulty      REAL,
    due_at          INTEGER,
    last_at         INTEGER,
    reps            INTEGER,
    lapses          INTEGER,
    first_at        INTEGER,
    first_source    TEXT,
    last_session    TEXT,
    last_attempt_id INTEGER,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
-- An Undo button names its session: one row per session at most.
CREATE UNIQUE INDEX review_undo_session ON review_undo (session_id);
