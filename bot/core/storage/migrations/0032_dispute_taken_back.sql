-- An accepted dispute a moderator took back: when (NULL: never). Its status is 'rejected' from then on, its answer
-- left the server's accepted answers, and the answers its accept had corrected were given back their verdicts and
-- points (their attempt_corrections rows removed).
ALTER TABLE disputes ADD COLUMN taken_back_at INTEGER;
-- The accepted dispute whose accept settled this one (another player's of an answer it corrected, or made right),
-- NULL for one accepted on its own: taking an accept back is done on the dispute that made it.
ALTER TABLE disputes ADD COLUMN settled_by INTEGER;
