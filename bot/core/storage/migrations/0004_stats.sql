-- Leaderboards and personal stats: summary tables kept by triggers, in the same transaction as each attempt.
--
-- Every row of `attempts` with a guild is folded, by the trigger `stats_attempt_added` below, into:
--   board_scores      points / answers / correct per (guild, scope, topic, member); quiz and daily answers only
--   user_card_stats   answers / correct / points per (guild, member, card); every source (practice included)
--   stats_quiz_players  which channel quizzes a member answered in
--   stats_members     the member's latest display name (from the attempt, never from the member cache)
-- so a leaderboard reads ~one row per member instead of every answer, and /stats reads ~one row per card.

-- scope 'all' is all-time; 'week' and 'month' hold only the guild's *current* window, described in
-- board_windows (the window is computed in the guild's time zone by the stats service, which rebuilds it
-- from `attempts` when the period rolls over, the zone changes or the card tags change).
-- topic '' counts every card; otherwise one row per tag or deck id of the card (card_tags.tag).
CREATE TABLE board_scores (
    guild_id INTEGER NOT NULL,
    scope    TEXT NOT NULL CHECK (scope IN ('all', 'week', 'month')),
    topic    TEXT NOT NULL,
    user_id  INTEGER NOT NULL,
    points   INTEGER NOT NULL DEFAULT 0,
    answers  INTEGER NOT NULL DEFAULT 0,
    correct  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, scope, topic, user_id)
) WITHOUT ROWID;
-- Ranking order (covering): a board page is a walk along this index, ranked as it goes; a member's rank
-- is a range count on it. Within a tie in points, more correct answers first, then the lower member id.
CREATE INDEX board_scores_rank ON board_scores (guild_id, scope, topic, points DESC, correct DESC, user_id, answers);

CREATE TABLE board_windows (
    guild_id INTEGER NOT NULL,
    period   TEXT NOT NULL CHECK (period IN ('week', 'month')),
    zone     TEXT NOT NULL,                   -- IANA zone the window was computed in
    start_ms INTEGER NOT NULL,                -- first instant of the local week/month (unix ms, UTC)
    end_ms   INTEGER NOT NULL,                -- first instant of the next one
    PRIMARY KEY (guild_id, period)
) WITHOUT ROWID;

CREATE TABLE user_card_stats (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    card_key TEXT NOT NULL,
    answers  INTEGER NOT NULL DEFAULT 0,
    correct  INTEGER NOT NULL DEFAULT 0,
    points   INTEGER NOT NULL DEFAULT 0,      -- quiz and daily points only
    last_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, card_key)
) WITHOUT ROWID;

CREATE TABLE stats_quiz_players (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    quiz_id  TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id, quiz_id)
) WITHOUT ROWID;

CREATE TABLE stats_members (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    user_name  TEXT NOT NULL,
    updated_at INTEGER NOT NULL,              -- created_at of the attempt the name comes from
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

-- Members known to have left a server: kept in the data, never listed on a board. Learned from the
-- member-remove event (when the members intent is on) and lazily when a board is shown (a fetch of a
-- listed member answers "unknown member"); cleared when the member answers, joins again or uses a command.
CREATE TABLE departed_members (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    left_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

-- Tag changes from deck syncs, applied to the topic rows of board_scores by the stats service (at
-- start-up, right after the sync, and before a board is read).
CREATE TABLE stats_tag_changes (
    id       INTEGER PRIMARY KEY,
    card_key TEXT NOT NULL,
    tag      TEXT NOT NULL,
    delta    INTEGER NOT NULL                 -- +1 added, -1 removed
);

-- A card's tags (the trigger and the topic queries look tags up by card; 0001 indexes them by tag).
CREATE INDEX card_tags_card ON card_tags (card_key, tag);

-- Most-missed cards and topic strength come from user_card_stats; the 30-day chart and "points this week"
-- read a member's recent attempts through attempts_user (0001).

CREATE TRIGGER stats_card_tag_added AFTER INSERT ON card_tags
BEGIN
    INSERT INTO stats_tag_changes (card_key, tag, delta) VALUES (NEW.card_key, NEW.tag, 1);
END;

CREATE TRIGGER stats_card_tag_removed AFTER DELETE ON card_tags
BEGIN
    INSERT INTO stats_tag_changes (card_key, tag, delta) VALUES (OLD.card_key, OLD.tag, -1);
END;

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

-- Backfill from the attempts already stored (a database upgraded from an earlier version).
INSERT INTO stats_members (guild_id, user_id, user_name, updated_at)
SELECT guild_id, user_id, user_name, MAX(created_at) FROM attempts WHERE guild_id IS NOT NULL
GROUP BY guild_id, user_id;

INSERT INTO user_card_stats (guild_id, user_id, card_key, answers, correct, points, last_at)
SELECT guild_id, user_id, card_key, COUNT(*), SUM(verdict = 'correct'),
       SUM(CASE WHEN source IN ('quiz', 'daily') THEN points ELSE 0 END), MAX(created_at)
FROM attempts WHERE guild_id IS NOT NULL
GROUP BY guild_id, user_id, card_key;

INSERT INTO stats_quiz_players (guild_id, user_id, quiz_id)
SELECT DISTINCT guild_id, user_id, session_id FROM attempts
WHERE guild_id IS NOT NULL AND source = 'quiz' AND session_id IS NOT NULL;

INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)
SELECT guild_id, 'all', '', user_id, SUM(points), COUNT(*), SUM(verdict = 'correct')
FROM attempts WHERE guild_id IS NOT NULL AND source IN ('quiz', 'daily')
GROUP BY guild_id, user_id;

INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)
SELECT a.guild_id, 'all', t.tag, a.user_id, SUM(a.points), COUNT(*), SUM(a.verdict = 'correct')
FROM attempts a JOIN card_tags t ON t.card_key = a.card_key
WHERE a.guild_id IS NOT NULL AND a.source IN ('quiz', 'daily')
GROUP BY a.guild_id, t.tag, a.user_id;
