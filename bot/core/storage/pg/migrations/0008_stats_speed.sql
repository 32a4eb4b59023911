-- PostgreSQL translation of migrations/0008_stats_speed.sql: /stats at a million answers.
--
-- attempts_user carries the columns /stats reads (source, verdict, points), so the 30-day chart and the points
-- of the week are counted from the index alone (an index-only scan).
DROP INDEX attempts_user;
CREATE INDEX attempts_user ON attempts (guild_id, user_id, created_at, source, verdict, points);

-- One member's rows on the boards (what they scored per topic, for /stats seen by others).
CREATE INDEX board_scores_member ON board_scores (guild_id, user_id, scope);

-- Channel quizzes a member won, counted from the index alone (private practice never has a winner).
CREATE INDEX quizzes_won ON quizzes (guild_id, winner_id) WHERE private = 0 AND winner_id IS NOT NULL;
