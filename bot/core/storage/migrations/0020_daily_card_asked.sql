-- The card a daily question asked, as it was when the question was claimed (its stored form, as ``cards.data``):
-- answers are graded and the reveal is made against it, even when the deck has changed since (a new version
-- imported with the same card id). NULL for posts claimed before this migration: the card as the decks have it.
ALTER TABLE daily_posts ADD COLUMN card_data TEXT;
