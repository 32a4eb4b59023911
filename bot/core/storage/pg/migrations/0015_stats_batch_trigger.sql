-- PostgreSQL: the summary tables of 0004 are kept once per INSERT INTO attempts instead of once per row.
--
-- Answers are written a group commit at a time (one multi-row INSERT per batch). The row trigger of 0004 ran
-- its five statements for every row of such an insert; this statement-level trigger reads the rows the insert
-- added (its transition table `added`) and runs each statement once, on the rows grouped per key. The summary
-- rows it leaves are exactly those the row trigger left, one row after another:
--   stats_members       per member: the name of the latest answer (created_at, then the later row of equal
--                       times), taken when it is at least as recent as the stored one (the `>=` rule)
--   departed_members    every member who answered is no longer departed
--   user_card_stats     per member and card: answers, right answers, quiz and daily points, latest answer
--   stats_quiz_players  per member and channel quiz answered
--   board_scores        per member, scope and topic: the sums over the quiz and daily answers the row trigger
--                       would have added one at a time (all-time; each tag of the card; the guild's current
--                       week and month windows that hold the answer)
-- Answers without a guild (the terminal) are left out, as the row trigger's WHEN left them out.
--
-- Grouping first is needed, not only faster: an INSERT … ON CONFLICT DO UPDATE may not touch one row twice,
-- and one batch may hold several answers of a member to one card. The rows are upserted in key order, so two
-- processes writing batches at the same time take the summary rows' locks in the same order.
--
-- SQLite has no statement-level triggers: its row trigger (0004, 0007) stays, and its 0015 changes nothing.
-- The trigger keeps its name (`stats_attempt_added`); the correction trigger of 0010 is unchanged.

DROP TRIGGER stats_attempt_added ON attempts;
DROP FUNCTION stats_attempt_added();

CREATE FUNCTION stats_attempt_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_members AS m (guild_id, user_id, user_name, updated_at)
    SELECT DISTINCT ON (a.guild_id, a.user_id) a.guild_id, a.user_id, a.user_name, a.created_at
    FROM added a
    WHERE a.guild_id IS NOT NULL
    ORDER BY a.guild_id, a.user_id, a.created_at DESC, a.id DESC
    ON CONFLICT (guild_id, user_id) DO UPDATE SET user_name = excluded.user_name, updated_at = excluded.updated_at
    WHERE excluded.updated_at >= m.updated_at;

    DELETE FROM departed_members d
    USING (SELECT DISTINCT a.guild_id, a.user_id FROM added a WHERE a.guild_id IS NOT NULL) AS a
    WHERE d.guild_id = a.guild_id AND d.user_id = a.user_id;

    INSERT INTO user_card_stats AS u (guild_id, user_id, card_key, answers, correct, points, last_at)
    SELECT a.guild_id, a.user_id, a.card_key, COUNT(*), COUNT(*) FILTER (WHERE a.verdict = 'correct'),
           SUM(CASE WHEN a.source IN ('quiz', 'daily') THEN a.points ELSE 0 END)::bigint, MAX(a.created_at)
    FROM added a
    WHERE a.guild_id IS NOT NULL
    GROUP BY a.guild_id, a.user_id, a.card_key
    ORDER BY a.guild_id, a.user_id, a.card_key
    ON CONFLICT (guild_id, user_id, card_key) DO UPDATE SET
        answers = u.answers + excluded.answers, correct = u.correct + excluded.correct,
        points = u.points + excluded.points, last_at = GREATEST(u.last_at, excluded.last_at);

    INSERT INTO stats_quiz_players (guild_id, user_id, quiz_id)
    SELECT DISTINCT a.guild_id, a.user_id, a.session_id
    FROM added a
    WHERE a.guild_id IS NOT NULL AND a.source = 'quiz' AND a.session_id IS NOT NULL
    ORDER BY a.guild_id, a.user_id, a.session_id
    ON CONFLICT DO NOTHING;

    INSERT INTO board_scores AS b (guild_id, scope, topic, user_id, points, answers, correct)
    SELECT a.guild_id, s.scope, s.topic, a.user_id, SUM(a.points)::bigint, COUNT(*),
           COUNT(*) FILTER (WHERE a.verdict = 'correct')
    FROM added a
    CROSS JOIN LATERAL (
        SELECT 'all'::text AS scope, ''::text AS topic
        UNION ALL
        SELECT 'all', t.tag FROM card_tags t WHERE t.card_key = a.card_key
        UNION ALL
        SELECT w.period, '' FROM board_windows w
        WHERE w.guild_id = a.guild_id AND a.created_at >= w.start_ms AND a.created_at < w.end_ms
        UNION ALL
        SELECT w.period, t.tag FROM board_windows w JOIN card_tags t ON t.card_key = a.card_key
        WHERE w.guild_id = a.guild_id AND a.created_at >= w.start_ms AND a.created_at < w.end_ms
    ) AS s
    WHERE a.guild_id IS NOT NULL AND a.source IN ('quiz', 'daily')
    GROUP BY a.guild_id, s.scope, s.topic, a.user_id
    ORDER BY a.guild_id, s.scope, s.topic, a.user_id
    ON CONFLICT (guild_id, scope, topic, user_id) DO UPDATE SET
        points = b.points + excluded.points, answers = b.answers + excluded.answers,
        correct = b.correct + excluded.correct;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stats_attempt_added AFTER INSERT ON attempts
REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION stats_attempt_added();
