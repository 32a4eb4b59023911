-- PostgreSQL translation of migrations/0030_members_by_user.sql: the servers a member has answered in, by member.
CREATE INDEX stats_members_user ON stats_members (user_id, guild_id);
