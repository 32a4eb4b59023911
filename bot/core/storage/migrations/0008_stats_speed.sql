-- /stats at a million answers: index-only reads of one member's answers, and their topic rows on the board.
--
-- attempts_user gains the columns /stats reads (source, verdict, points), so the 30-day chart and the
-- points of the week are counted from the index alone instead of looking up every answer's row (the most
-- active member of a big server has thousands in a month). Same name, same leading columns: every query
-- that used it still does. One index replaced by one index: the answer path writes no more entries.
DROP INDEX attempts_user;
CREATE INDEX attempts_user ON attempts (guild_id, user_id, created_at, source, verdict, points);

-- One member's rows on the boards (what they scored per topic, for /stats seen by others). Only its key
-- columns are indexed, so the trigger's updates of points and answers never touch it.
CREATE INDEX board_scores_member ON board_scores (guild_id, user_id, scope);

-- Channel quizzes a member won, counted from the index alone (private practice never has a winner).
CREATE INDEX quizzes_won ON quizzes (guild_id, winner_id) WHERE private = 0 AND winner_id IS NOT NULL;
