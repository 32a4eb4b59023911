-- Reveals claimed but never recorded as sent (the process stopped between the claim and the send): the due check
-- takes them over after a lease. Only such claims are in this index, so the check stays a small range scan.
CREATE INDEX daily_posts_reveal_claimed ON daily_posts (revealed_at)
    WHERE reveal_message_id IS NULL AND failure IS NULL AND state = 'posted';
