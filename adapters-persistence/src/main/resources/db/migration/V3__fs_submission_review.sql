-- Submissions that fieldsync cannot settle alone wait for a person (NEEDS_REVIEW, with candidate jobs), and
-- every settling step and operator action is kept on the submission (its history).
ALTER TABLE fs_submission ADD COLUMN uncertain_since TIMESTAMP WITH TIME ZONE;  -- start of the first uncertain attempt
ALTER TABLE fs_submission ADD COLUMN candidates VARCHAR;                        -- JSON array of job ids
ALTER TABLE fs_submission ADD COLUMN history VARCHAR;                           -- JSON array of events
-- "Which submission created this job?" (reconciliation excludes other submissions' jobs) and the review listings.
CREATE INDEX ix_fs_submission_job   ON fs_submission (integration_id, job_id);
CREATE INDEX ix_fs_submission_state ON fs_submission (integration_id, state, created_at, submission_id);
