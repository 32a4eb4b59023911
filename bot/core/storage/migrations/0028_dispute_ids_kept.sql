-- Disputes feature: a dispute's id is never given again (AUTOINCREMENT). A moderator's /disputes page and its
-- Accept and Reject buttons name a dispute by its id; SQLite gives a new row the highest id there is plus one, so
-- once the newest dispute was deleted (its player's data deleted: /forget-me, tutorbot forget) the next one took
-- its id, and an Accept pressed on the page still open accepted another player's dispute, unseen. The table is
-- rebuilt as it was (0010), with its rows and ids; PostgreSQL's identity never gives an id again.
CREATE TABLE disputes_rebuilt (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    user_name   TEXT NOT NULL,
    attempt_id  INTEGER NOT NULL,             -- the disputed graded answer (one dispute per attempt, ever)
    card_key    TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('question', 'term')),
    source      TEXT NOT NULL,                -- quiz, daily or practice
    prompt      TEXT NOT NULL,                -- what the player was asked
    accepted    TEXT NOT NULL,                -- JSON list: the answers accepted when the player answered
    response    TEXT NOT NULL,                -- what the player typed
    verdict     TEXT NOT NULL,                -- the verdict they dispute
    status      TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
    created_at  INTEGER NOT NULL,
    decided_at  INTEGER,
    decided_by  INTEGER,
    regraded    INTEGER NOT NULL DEFAULT 0,   -- answers the accept corrected
    restored    INTEGER NOT NULL DEFAULT 0,   -- points the accept gave back
    seen_at     INTEGER,                      -- when the player was told the outcome
    UNIQUE (attempt_id)
);
INSERT INTO disputes_rebuilt (
    id, guild_id, user_id, user_name, attempt_id, card_key, direction, source, prompt, accepted, response, verdict,
    status, created_at, decided_at, decided_by, regraded, restored, seen_at
)
SELECT
    id, guild_id, user_id, user_name, attempt_id, card_key, direction, source, prompt, accepted, response, verdict,
    status, created_at, decided_at, decided_by, regraded, restored, seen_at
FROM disputes;
DROP TABLE disputes;
ALTER TABLE disputes_rebuilt RENAME TO disputes;
-- The moderators' queue, oldest first.
CREATE INDEX disputes_queue ON disputes (guild_id, status, id);
-- A player's disputes: the daily cap and the outcomes they have not seen yet.
CREATE INDEX disputes_player ON disputes (guild_id, user_id, created_at);
-- Dispute counts per card (moderator insight).
CREATE INDEX disputes_card ON disputes (guild_id, card_key, status);
