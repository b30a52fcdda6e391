-- The change log (issue 13): one row per change of the mirror or the outbox, per integration in sequence order,
-- written in the transaction that made the change. Portable types only (runs on H2 2.x and PostgreSQL 15).
CREATE TABLE fs_change (
    integration_id VARCHAR(63) NOT NULL,
    seq            BIGINT      NOT NULL,
    kind           VARCHAR(40) NOT NULL,   -- the wire name, e.g. job.changed
    job_id         VARCHAR(19),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    body           VARCHAR     NOT NULL,   -- JSON: changed members, from/to, submission, the job as mirrored
    CONSTRAINT pk_fs_change PRIMARY KEY (integration_id, seq)
);
CREATE INDEX ix_fs_change_occurred ON fs_change (occurred_at);

-- Each integration's highest sequence handed out; its row lock orders appends, so sequences follow commit order.
CREATE TABLE fs_change_sequence (
    integration_id VARCHAR(63) NOT NULL,
    last_seq       BIGINT      NOT NULL,
    CONSTRAINT pk_fs_change_sequence PRIMARY KEY (integration_id)
);
