-- Quiz feature: the servers a member has answered in (``QuizQueries.servers_played``), read by member. A card of a
-- deck two servers see, asked in one of them, is hidden from that member's lookups, practice and review in the
-- other, where they could read its answer and score with it.
CREATE INDEX stats_members_user ON stats_members (user_id, guild_id);
