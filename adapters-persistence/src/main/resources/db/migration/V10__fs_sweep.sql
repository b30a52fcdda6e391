-- The verification sweep (issue 14 items 1-3). Portable types only (H2 2.x and PostgreSQL 15).

-- When a complete sweep no longer found the job (it left the key's scope); null while it is listed.
ALTER TABLE fs_job ADD COLUMN gone_at TIMESTAMP WITH TIME ZONE;
-- The number of the last sweep that listed the job, written with the sweep's page, so a sweep resumed after a
-- crash still knows what its earlier pages saw. Null: no sweep has seen it yet.
ALTER TABLE fs_job ADD COLUMN last_swept BIGINT;
CREATE INDEX ix_fs_job_gone ON fs_job (integration_id, gone_at);

-- Each integration's sweep: the one under way (pass_* null when none), the last completed one, a pending gone
-- review, the incremental overlap a sweep widened (null: as configured) and every missed update repaired.
CREATE TABLE fs_sweep (
    integration_id      VARCHAR(63) NOT NULL,
    last_sweep          BIGINT      NOT NULL,
    pass_started_at     TIMESTAMP WITH TIME ZONE,
    pass_cursor         VARCHAR,
    pass_pages          INTEGER,
    pass_jobs           BIGINT,
    pass_repaired       BIGINT,
    done_sweep          BIGINT,
    done_started_at     TIMESTAMP WITH TIME ZONE,
    done_completed_at   TIMESTAMP WITH TIME ZONE,
    done_jobs           BIGINT,
    done_repaired       BIGINT,
    done_gone           BIGINT,
    review_sweep        BIGINT,
    review_started_at   TIMESTAMP WITH TIME ZONE,
    review_candidates   BIGINT,
    review_mirrored     BIGINT,
    review_raised_at    TIMESTAMP WITH TIME ZONE,
    widened_overlap_ms  BIGINT,
    missed_total        BIGINT      NOT NULL,
    CONSTRAINT pk_fs_sweep PRIMARY KEY (integration_id)
);
