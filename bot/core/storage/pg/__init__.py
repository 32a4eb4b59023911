"""PostgreSQL storage: the same schema as the SQLite store, for several processes sharing one database.

``PgStore`` holds an asyncpg connection pool, applies ``pg/migrations/NNNN_name.sql`` (numbered exactly like the
SQLite migrations, one file for each) at open, and refuses a database written by a newer version with the
SQLite store's ``SchemaTooNewError``. Rules that must hold across processes (one daily post per server and
local day, one counted daily answer per member, one first correct answer per question, one running quiz per
channel) are unique constraints, so a second writer fails in its own transaction.
"""

from bot.core.storage.pg.store import (
    MIGRATIONS_TABLE,
    PgStore,
    pg_migrations,
    pg_schema_version,
    safe_url,
)

__all__ = ["MIGRATIONS_TABLE", "PgStore", "pg_migrations", "pg_schema_version", "safe_url"]
