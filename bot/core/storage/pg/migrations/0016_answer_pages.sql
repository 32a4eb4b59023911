-- PostgreSQL, as SQLite's 0016: attempts_card goes (a topic's all-time boards are recomputed per server
-- through attempts_guild_card), and board_scores_rank no longer holds `answers`. An update that changes no
-- indexed column's value can stay on its page without touching any index (a heap-only tuple): the statement
-- trigger of 0015 adds 0 points and 0 right answers for a batch's wrong answers, so their rows now qualify.

DROP INDEX IF EXISTS attempts_card;

DROP INDEX IF EXISTS board_scores_rank;
CREATE INDEX board_scores_rank ON board_scores (guild_id, scope, topic, points DESC, correct DESC, user_id);
