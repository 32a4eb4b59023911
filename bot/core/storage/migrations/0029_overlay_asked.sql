-- Disputes feature: an accepted answer is kept for the question it was accepted for. ``asked`` is that version of
-- the card (``bot.core.disputes.asked_version``: what it asks, not its tags or explanation); once the deck's card asks
-- another question (a new version imported, a deck file edited), the answer is no longer accepted for it, nor listed
-- in /deck info or /deck export, and it is again if the card comes back as it was. Rows from before have none and
-- keep applying to every version, as they did.
ALTER TABLE accept_overlays ADD COLUMN asked TEXT;
