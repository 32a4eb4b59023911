-- Spaced repetition (/review): one FSRS memory state per (server, member, card), the review log it is built
-- from, and each member's review settings and reminder. `guild_id` 0 stands for the terminal (no server).
--
-- Every graded answer (channel quiz, practice, daily, review) adds one row to review_logs and updates the
-- member's row in review_states, in the same transaction as the attempt. The logs hold the rating, the
-- time and the desired retention the scheduler used, so replaying them rebuilds review_states exactly;
-- they also keep the state before and after each review for inspection.
--
-- Cards removed from the decks (cards.retired = 1) keep their states and logs; the queries leave them out.

CREATE TABLE review_states (
    guild_id        INTEGER NOT NULL,
    user_id         INTEGER NOT NULL,
    card_key        TEXT NOT NULL,
    state           INTEGER NOT NULL CHECK (state IN (1, 2, 3)),  -- FSRS: 1 learning, 2 review, 3 relearning
    step            INTEGER,                      -- learning or relearning step; NULL in the review state
    stability       REAL NOT NULL,                -- days for recall probability to fall to 90 %
    difficulty      REAL NOT NULL,                -- 1 (easy) .. 10 (hard)
    due_at          INTEGER NOT NULL,             -- unix ms: when the card should be seen again
    last_at         INTEGER NOT NULL,             -- unix ms of the latest review
    reps            INTEGER NOT NULL,             -- reviews so far
    lapses          INTEGER NOT NULL,             -- times forgotten after reaching the review state
    first_at        INTEGER NOT NULL,             -- unix ms of the first review
    first_source    TEXT NOT NULL,                -- what introduced the card: quiz, practice, daily, review
    last_session    TEXT,                         -- quiz, daily post or review session of the latest rating
    last_attempt_id INTEGER,                      -- attempts.id of the latest rating (a replayed write is a no-op)
    PRIMARY KEY (guild_id, user_id, card_key)
) WITHOUT ROWID;
-- Due cards of a member, most overdue first (a range scan that stops at "now").
CREATE INDEX review_states_due ON review_states (guild_id, user_id, due_at);
-- New cards a member's review sessions introduced today (the daily limit).
CREATE INDEX review_states_new ON review_states (guild_id, user_id, first_at) WHERE first_source = 'review';
-- Cards many members of a server are about to forget (the daily question's choice).
CREATE INDEX review_states_guild_due ON review_states (guild_id, due_at, card_key);

CREATE TABLE review_logs (
    id                INTEGER PRIMARY KEY,
    guild_id          INTEGER NOT NULL,
    user_id           INTEGER NOT NULL,
    card_key          TEXT NOT NULL,
    reviewed_at       INTEGER NOT NULL,           -- unix ms
    rating            INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),  -- again, hard, good, easy
    source            TEXT NOT NULL,              -- quiz, practice, daily, review
    verdict           TEXT NOT NULL,              -- the grader's verdict kind
    attempt_id        INTEGER,                    -- the attempts row the rating came from
    session_id        TEXT,
    retention         REAL NOT NULL,              -- the desired retention the scheduler used
    duration_ms       INTEGER,                    -- from showing the card to the answer, when known
    state_before      INTEGER,                    -- NULL: the card was new to the member
    step_before       INTEGER,
    stability_before  REAL,
    difficulty_before REAL,
    due_before        INTEGER,
    last_before       INTEGER,
    state_after       INTEGER NOT NULL,
    step_after        INTEGER,
    stability_after   REAL NOT NULL,
    difficulty_after  REAL NOT NULL,
    due_after         INTEGER NOT NULL
);
-- One card's history, in order (rebuilding a state).
CREATE INDEX review_logs_card ON review_logs (guild_id, user_id, card_key, reviewed_at);
-- A member's reviews over time (measured retention).
CREATE INDEX review_logs_member ON review_logs (guild_id, user_id, reviewed_at);
-- At most one rating per attempt.
CREATE UNIQUE INDEX review_logs_attempt ON review_logs (attempt_id) WHERE attempt_id IS NOT NULL;

CREATE TABLE review_members (
    guild_id      INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    new_per_day   INTEGER NOT NULL DEFAULT 10 CHECK (new_per_day BETWEEN 0 AND 200),
    retention     REAL NOT NULL DEFAULT 0.9 CHECK (retention BETWEEN 0.7 AND 0.99),
    topics        TEXT NOT NULL DEFAULT '[]',     -- JSON list of tags or deck ids; empty: every card
    timezone      TEXT,                           -- IANA zone for "today"; NULL: the server's, else UTC
    remind_at     TEXT,                           -- local HH:MM of the daily reminder; NULL: no reminder
    remind_next   INTEGER,                        -- unix ms of the next reminder check; NULL when off
    remind_day    TEXT,                           -- ISO local date of the latest reminder (one a day at most)
    remind_notice TEXT,                           -- why the reminder was switched off, until the member is told
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
-- Reminders due: a range scan that stops at "now".
CREATE INDEX review_members_remind ON review_members (remind_next) WHERE remind_next IS NOT NULL;
