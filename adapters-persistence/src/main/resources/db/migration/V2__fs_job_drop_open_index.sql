-- Every fs_job index is maintained on each mirrored insert and changed row, so the mirror keeps only those its
-- searches need. effective_open is a two-valued function of effective_state: an "open" search walks
-- ix_fs_job_order (newest first, where open jobs are) with a filter and stops at the page size, so its own index
-- cost every write and helped no query. V1 stays as released (databases exist); this drops the index.
DROP INDEX IF EXISTS ix_fs_job_open;
