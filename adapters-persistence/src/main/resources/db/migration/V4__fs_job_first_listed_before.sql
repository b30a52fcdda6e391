-- The end of the window of the sync pass that first listed a job: its updated_at, so its creation, lay before
-- that instant. A job first listed by a window that ended before a create was attempted cannot be that create's
-- job (reconciliation uses this to tell a lost create from jobs that existed already). Null for older rows,
-- which read first_seen_at instead.
ALTER TABLE fs_job ADD COLUMN first_listed_before TIMESTAMP WITH TIME ZONE;
