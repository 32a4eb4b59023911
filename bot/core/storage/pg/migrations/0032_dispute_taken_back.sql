-- PostgreSQL translation of migrations/0032_dispute_taken_back.sql: when an accepted dispute was taken back.
ALTER TABLE disputes ADD COLUMN taken_back_at BIGINT;
-- The accepted dispute whose accept settled this one (another player's of an answer it corrected, or made right),
-- NULL for one accepted on its own: taking an accept back is done on the dispute that made it.
ALTER TABLE disputes ADD COLUMN settled_by BIGINT;
