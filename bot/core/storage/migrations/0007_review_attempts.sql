-- Answers given in /review sessions are stored as attempts with source 'review'.
--
-- SQLite cannot change a CHECK constraint in place, so `attempts` is rebuilt the documented way: a new
-- table with the wider CHECK, every row copied with its id (review_logs.attempt_id and
-- daily_answers.attempt_id point at them), the old table dropped, the new one renamed, then every index
-- (0001, 0002) and the trigger (0004) that lived on it created again. The copy goes into a table without
-- the trigger, so the summary tables of 0004 are left as they are: they already count every copied row.
--
-- Like 'practice', 'review' answers never score: the leaderboard (board_scores, attempts_board) counts
-- 'quiz' and 'daily' answers only. Like every answer they count in user_card_stats (answers, correct).

CREATE TABLE attempts_rebuilt (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER,                       -- NULL for the terminal
    channel_id INTEGER,
    user_id    INTEGER NOT NULL,
    user_name  TEXT NOT NULL,                 -- display name at the time, so boards never need the member cache
    card_key   TEXT NOT NULL REFERENCES cards(key),
    source     TEXT NOT NULL CHECK (source IN ('quiz', 'daily', 'practice', 'review')),
    response   TEXT NOT NULL,
    verdict    TEXT NOT NULL CHECK (verdict IN ('correct', 'almost', 'partial', 'wrong', 'empty')),
    points     INTEGER NOT NULL DEFAULT 0,
    session_id TEXT,                          -- quiz id, daily post id or review session id
    created_at INTEGER NOT NULL               -- unix milliseconds, UTC
);

INSERT INTO attempts_rebuilt (id, guild_id, channel_id, user_id, user_name, card_key, source, response, verdict,
                              points, session_id, created_at)
SELECT id, guild_id, channel_id, user_id, user_name, card_key, source, response, verdict, points, session_id,
       created_at
FROM attempts ORDER BY id;

DROP TABLE attempts;

ALTER TABLE attempts_rebuilt RENAME TO attempts;

-- Leaderboards: a guild's scored attempts in a time window (queries say `source IN ('quiz', 'daily')`).
CREATE INDEX attempts_board ON attempts (guild_id, created_at, user_id) WHERE source IN ('quiz', 'daily');
-- Personal stats: one member's attempts in a guild.
CREATE INDEX attempts_user ON attempts (guild_id, user_id, created_at);
-- Card history (most missed cards, practice selection).
CREATE INDEX attempts_card ON attempts (card_key, verdict);
-- One person's history of a card (practice order).
CREATE INDEX attempts_user_card ON attempts (user_id, card_key, created_at);
-- A quiz's attempts (summaries, the hardest question).
CREATE INDEX attempts_session ON attempts (session_id) WHERE session_id IS NOT NULL;

-- The summary tables of 0004, kept in the same transaction as each attempt (unchanged).
CREATE TRIGGER stats_attempt_added AFTER INSERT ON attempts
WHEN NEW.guild_id IS NOT NULL
BEGIN
    INSERT INTO stats_members (guild_id, user_id, user_name, updated_at)
    VALUES (NEW.guild_id, NEW.user_id, NEW.user_name, NEW.created_at)
    ON CONFLICT (guild_id, user_id) DO UPDATE SET user_name = excluded.user_name, updated_at = excluded.updated_at
    WHERE excluded.updated_at >= stats_members.updated_at;

    DELETE FROM departed_members WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id;

    INSERT INTO user_card_stats (guild_id, user_id, card_key, answers, correct, points, last_at)
    VALUES (
        NEW.guild_id, NEW.user_id, NEW.card_key, 1, NEW.verdict = 'correct',
        CASE WHEN NEW.source IN ('quiz', 'daily') THEN NEW.points ELSE 0 END, NEW.created_at
    )
    ON CONFLICT (guild_id, user_id, card_key) DO UPDATE SET
        answers = answers + 1, correct = correct + excluded.correct, points = points + excluded.points,
        last_at = max(last_at, excluded.last_at);

    INSERT INTO stats_quiz_players (guild_id, user_id, quiz_id)
    SELECT NEW.guild_id, NEW.user_id, NEW.session_id WHERE NEW.source = 'quiz' AND NEW.session_id IS NOT NULL
    ON CONFLICT DO NOTHING;

    INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)
    SELECT NEW.guild_id, s.scope, s.topic, NEW.user_id, NEW.points, 1, NEW.verdict = 'correct'
    FROM (
        SELECT 'all' AS scope, '' AS topic
        UNION ALL
        SELECT 'all', t.tag FROM card_tags t WHERE t.card_key = NEW.card_key
        UNION ALL
        SELECT w.period, '' FROM board_windows w
        WHERE w.guild_id = NEW.guild_id AND NEW.created_at >= w.start_ms AND NEW.created_at < w.end_ms
        UNION ALL
        SELECT w.period, t.tag FROM board_windows w JOIN card_tags t ON t.card_key = NEW.card_key
        WHERE w.guild_id = NEW.guild_id AND NEW.created_at >= w.start_ms AND NEW.created_at < w.end_ms
    ) AS s
    WHERE NEW.source IN ('quiz', 'daily')
    ON CONFLICT (guild_id, scope, topic, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + 1, correct = correct + excluded.correct;
END;
