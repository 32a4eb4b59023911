-- Daily posts are dated in the zone they were posted in, and each records that zone: one post per guild per local
-- date of a zone. A server that moves its schedule west (Auckland to Los Angeles) reaches again a date whose
-- number an Auckland question already had: that date of Los Angeles still gets its question. Posts from before
-- this migration take the zone their server's schedule has now (UTC for a server with no schedule row).
ALTER TABLE daily_posts ADD COLUMN zone TEXT;
UPDATE daily_posts p SET zone = COALESCE((SELECT s.zone FROM daily_schedules s WHERE s.guild_id = p.guild_id), 'UTC');
ALTER TABLE daily_posts ALTER COLUMN zone SET NOT NULL;
ALTER TABLE daily_posts DROP CONSTRAINT daily_posts_guild_id_local_day_key;
ALTER TABLE daily_posts ADD CONSTRAINT daily_posts_guild_day_zone UNIQUE (guild_id, local_day, zone);
-- The guild's latest question by post time (a schedule moved to another zone dates the next one from it).
CREATE INDEX daily_posts_latest ON daily_posts (guild_id, post_at);
