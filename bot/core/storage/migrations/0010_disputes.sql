-- Disputes ("I was right"), per-server accepted-answer overlays, and corrections of graded answers.
--
-- A player disputes one of their graded answers (an attempt); moderators accept or reject it. Accepting adds
-- the typed answer to the server's overlay for that card and prompt direction, and corrects every stored
-- answer on the card in that server that the new answer makes right: the attempt's verdict and points are
-- updated in place (the correction and the values it replaced are kept in attempt_corrections), and the
-- trigger below moves the difference into the summary tables of 0004, so boards and /stats stay consistent.

CREATE TABLE disputes (
    id          INTEGER PRIMARY KEY,
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
-- The moderators' queue, oldest first.
CREATE INDEX disputes_queue ON disputes (guild_id, status, id);
-- A player's disputes: the daily cap and the outcomes they have not seen yet.
CREATE INDEX disputes_player ON disputes (guild_id, user_id, created_at);
-- Dispute counts per card (moderator insight).
CREATE INDEX disputes_card ON disputes (guild_id, card_key, status);

-- Answers a server accepts for a card beyond the deck's own (added by accepted disputes).
CREATE TABLE accept_overlays (
    guild_id   INTEGER NOT NULL,
    card_key   TEXT NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('question', 'term')),
    norm       TEXT NOT NULL,                 -- the answer folded (one row per distinct answer)
    answer     TEXT NOT NULL,                 -- as the player typed it
    dispute_id INTEGER,
    added_by   INTEGER,
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, card_key, direction, norm)
) WITHOUT ROWID;

-- Graded answers corrected after the fact, with the values they replaced.
CREATE TABLE attempt_corrections (
    attempt_id   INTEGER PRIMARY KEY,
    dispute_id   INTEGER NOT NULL,
    old_verdict  TEXT NOT NULL,
    old_points   INTEGER NOT NULL,
    new_verdict  TEXT NOT NULL,
    new_points   INTEGER NOT NULL,
    corrected_at INTEGER NOT NULL
);

-- Moderator insight: a server's answers on one card (most common wrong answers).
CREATE INDEX attempts_guild_card ON attempts (guild_id, card_key, verdict);

-- A corrected answer moves its difference in points and right answers into the summary tables, in the same
-- transaction; the number of answers does not change. Scopes and topics are chosen as the insert trigger of
-- 0004 chooses them (the card's tags, the guild's current week/month windows that hold the answer).
CREATE TRIGGER stats_attempt_corrected AFTER UPDATE OF verdict, points ON attempts
WHEN NEW.guild_id IS NOT NULL AND (NEW.verdict IS NOT OLD.verdict OR NEW.points IS NOT OLD.points)
BEGIN
    UPDATE user_card_stats SET
        correct = correct + ((NEW.verdict = 'correct') - (OLD.verdict = 'correct')),
        points = points + CASE WHEN NEW.source IN ('quiz', 'daily') THEN NEW.points - OLD.points ELSE 0 END
    WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND card_key = NEW.card_key;

    UPDATE board_scores SET
        points = points + (NEW.points - OLD.points),
        correct = correct + ((NEW.verdict = 'correct') - (OLD.verdict = 'correct'))
    WHERE NEW.source IN ('quiz', 'daily')
      AND guild_id = NEW.guild_id AND user_id = NEW.user_id
      AND (topic = '' OR topic IN (SELECT t.tag FROM card_tags t WHERE t.card_key = NEW.card_key))
      AND (scope = 'all' OR scope IN (
          SELECT w.period FROM board_windows w
          WHERE w.guild_id = NEW.guild_id AND NEW.created_at >= w.start_ms AND NEW.created_at < w.end_ms
      ));
END;
