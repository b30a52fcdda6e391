-- The change feed's consumers (issue 13): where each one stands, so a restart resumes there. Portable types only
-- (runs on H2 2.x and PostgreSQL 15).
CREATE TABLE fs_consumer_state (
    integration_id  VARCHAR(63) NOT NULL,
    consumer        VARCHAR(63) NOT NULL,
    cursor_seq      BIGINT      NOT NULL,   -- the last change it is done with (delivered or dead-lettered)
    failed_attempts INTEGER     NOT NULL,   -- failed attempts of the next change
    failing_since   TIMESTAMP WITH TIME ZONE,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    paused          BOOLEAN     NOT NULL,
    CONSTRAINT pk_fs_consumer_state PRIMARY KEY (integration_id, consumer)
);
