-- PostgreSQL translation of migrations/0032_dispute_taken_back.sql: when an accepted dispute was taken back.
ALTER TABLE disputes ADD COLUMN taken_back_at BIGINT;
