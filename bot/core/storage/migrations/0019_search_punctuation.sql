-- PostgreSQL only (its search document now splits names at dots, slashes and colons, as FTS5 here always has):
-- nothing changes in SQLite; the number keeps both schemas at the same version.
SELECT 1;
