-- PostgreSQL translation of migrations/0029_overlay_asked.sql: the version of the card an accepted answer was
-- accepted for (NULL for rows from before: every version).
ALTER TABLE accept_overlays ADD COLUMN asked TEXT;
