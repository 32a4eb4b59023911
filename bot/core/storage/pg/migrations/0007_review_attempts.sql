-- PostgreSQL translation of migrations/0007_review_attempts.sql: answers given in /review sessions are stored
-- as attempts with source 'review'.
--
-- SQLite rebuilds `attempts` to widen its CHECK constraint; PostgreSQL changes the constraint in place, so
-- the rows, their ids and the trigger of 0004 stay as they are. The leaderboard index now names the scored
-- sources (queries say `source IN ('quiz', 'daily')`), as SQLite's rebuilt index does.
--
-- Like 'practice', 'review' answers never score: the leaderboard (board_scores, attempts_board) counts
-- 'quiz' and 'daily' answers only. Like every answer they count in user_card_stats (answers, correct).
ALTER TABLE attempts DROP CONSTRAINT attempts_source_check;
ALTER TABLE attempts ADD CONSTRAINT attempts_source_check
    CHECK (source IN ('quiz', 'daily', 'practice', 'review'));

DROP INDEX attempts_board;
CREATE INDEX attempts_board ON attempts (guild_id, created_at, user_id) WHERE source IN ('quiz', 'daily');
