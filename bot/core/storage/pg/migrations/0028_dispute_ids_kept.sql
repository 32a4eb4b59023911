-- PostgreSQL translation of migrations/0028_dispute_ids_kept.sql.
-- Nothing to change: disputes.id is an identity column, whose sequence never gives an id again after a dispute is
-- deleted (SQLite's INTEGER PRIMARY KEY did, hence that migration's AUTOINCREMENT). Kept so that both engines
-- number their schema versions alike.
SELECT 1;
