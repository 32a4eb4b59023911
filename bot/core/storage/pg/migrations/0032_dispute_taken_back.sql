-- PostgreSQL translation of migrations/0032_dispute_taken_back.sql: when an accepted dispute was taken back.
ALTER TABLE disputes ADD COLUMN taken_back_at BIGINT;
-- The accepted dispute whose accept settled this one (another player's of an answer it corrected, or made right),
-- NULL for one accepted on its own: taking an accept back is done on the dispute that made it.
ALTER TABLE disputes ADD COLUMN settled_by BIGINT;
-- Those settled before it was recorded: one accepted by the same moderator (or one whose data was deleted since) at the
-- same moment, on the same card, by
-- an accept that made no correction of its own answer nor added an answer of its own (its settler did both).
UPDATE disputes SET settled_by = (
    SELECT p.id FROM disputes p
    WHERE p.guild_id = disputes.guild_id AND p.card_key = disputes.card_key AND p.id != disputes.id
      AND p.status = 'accepted' AND p.decided_by IS NOT DISTINCT FROM disputes.decided_by AND p.decided_at = disputes.decided_at
      AND (EXISTS (SELECT 1 FROM accept_overlays o WHERE o.dispute_id = p.id)
           OR EXISTS (SELECT 1 FROM attempt_corrections c WHERE c.dispute_id = p.id AND c.attempt_id = p.attempt_id))
    ORDER BY p.id LIMIT 1
)
WHERE status = 'accepted' AND settled_by IS NULL
  AND NOT EXISTS (SELECT 1 FROM accept_overlays o WHERE o.dispute_id = disputes.id)
  AND NOT EXISTS (SELECT 1 FROM attempt_corrections c WHERE c.dispute_id = disputes.id AND c.attempt_id = disputes.attempt_id);
