-- The answer path writes fewer pages: every answer's row feeds each index of `attempts` and, through the
-- summary trigger, the boards, and on the disk each is a page of its own (bench/bench_store.py --parts 5).
--
-- 1. attempts_card (card_key, verdict; 0001, 0007) goes: no query reads attempts by card alone any more.
--    Recomputing a topic's all-time boards after a tag change reads them per server through
--    attempts_guild_card (0010).
-- 2. board_scores_rank (0004) no longer holds `answers`: a board page reads it from the page's own rows. The
--    ranking order (guild, scope, topic, points, correct, member) is unchanged.
-- 3. The summary trigger (0004, recreated by 0007) leaves the boards to two triggers of their own, each run
--    only for the answers its WHEN admits: one upserts an answer that scores as before, the other one that
--    does not (no points, not correct: most wrong answers) with `answers = answers + 1` alone, a column no
--    index of board_scores holds: its rows keep their places, and the rank index is not written at all. The
--    rows they leave are the same as before.

DROP INDEX IF EXISTS attempts_card;

DROP INDEX IF EXISTS board_scores_rank;
CREATE INDEX board_scores_rank ON board_scores (guild_id, scope, topic, points DESC, correct DESC, user_id);

DROP TRIGGER IF EXISTS stats_attempt_added;
DROP TRIGGER IF EXISTS stats_attempt_scored;
DROP TRIGGER IF EXISTS stats_attempt_unscored;

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
END;

-- The boards: an answer that scores changes its rows' places (board_scores_rank)...
CREATE TRIGGER stats_attempt_scored AFTER INSERT ON attempts
WHEN NEW.guild_id IS NOT NULL AND NEW.source IN ('quiz', 'daily') AND (NEW.points != 0 OR NEW.verdict = 'correct')
BEGIN
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
    WHERE true  -- (SQLite reads an ON right after FROM as the join's: the WHERE ends the SELECT)
    ON CONFLICT (guild_id, scope, topic, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + 1, correct = correct + excluded.correct;
END;

-- ... one that does not (no points, not correct) only counts: `answers` is not in board_scores_rank, so the
-- index is left alone.
CREATE TRIGGER stats_attempt_unscored AFTER INSERT ON attempts
WHEN NEW.guild_id IS NOT NULL AND NEW.source IN ('quiz', 'daily') AND NEW.points = 0 AND NEW.verdict != 'correct'
BEGIN
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
    WHERE true  -- (SQLite reads an ON right after FROM as the join's: the WHERE ends the SELECT)
    ON CONFLICT (guild_id, scope, topic, user_id) DO UPDATE SET answers = answers + 1;
END;
