-- fieldsync schema. Runs unchanged on H2 2.x (any mode) and PostgreSQL 15: only portable types
-- (VARCHAR, NUMERIC, INTEGER, BIGINT, BOOLEAN, TIMESTAMP WITH TIME ZONE) and plain indexes.

-- The job mirror, one row per (integration, job). Columns mirror every job member so searches filter in SQL;
-- custom fields are one JSON object in a text column (one column keeps the batched upsert a single statement).
CREATE TABLE fs_job (
    integration_id        VARCHAR(63)  NOT NULL,
    job_id                VARCHAR(19)  NOT NULL,
    id_order              NUMERIC(19,0) NOT NULL,   -- the id as a number, for "highest id first" keyset paging
    job_number            VARCHAR(64)  NOT NULL,
    series_number         INTEGER      NOT NULL,
    is_primary            BOOLEAN      NOT NULL,
    title                 VARCHAR      NOT NULL,
    title_folded          VARCHAR      NOT NULL,    -- lower-cased in Java (Locale.ROOT) for case-insensitive search
    status_id             VARCHAR(19)  NOT NULL,
    status_name           VARCHAR      NOT NULL,
    synced_state          VARCHAR(16)  NOT NULL,
    provisional_state     VARCHAR(16),
    provisional_since     TIMESTAMP WITH TIME ZONE,
    effective_state       VARCHAR(16)  NOT NULL,    -- provisional state if any, else the synced one
    effective_open        BOOLEAN      NOT NULL,
    start_time            VARCHAR(64),              -- ISO-8601 with the gateway's offset, exactly as received
    start_at              TIMESTAMP WITH TIME ZONE, -- the same instant, for window queries
    end_time              VARCHAR(64),
    customer_id           VARCHAR(19)  NOT NULL,
    customer_name         VARCHAR      NOT NULL,
    site_id               VARCHAR(19)  NOT NULL,
    site_address          VARCHAR      NOT NULL,
    notes                 VARCHAR      NOT NULL,
    custom_fields         VARCHAR      NOT NULL,    -- JSON object of string values
    external_id           VARCHAR(200),
    purchase_order_number VARCHAR(200),
    project_id            VARCHAR(19),
    job_type_id           VARCHAR(19),
    fingerprint           CHAR(64)     NOT NULL,
    first_seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_fs_job PRIMARY KEY (integration_id, job_id)
);
CREATE INDEX ix_fs_job_order      ON fs_job (integration_id, id_order, job_id);
CREATE INDEX ix_fs_job_state      ON fs_job (integration_id, effective_state, id_order);
CREATE INDEX ix_fs_job_open       ON fs_job (integration_id, effective_open, id_order);
CREATE INDEX ix_fs_job_status     ON fs_job (integration_id, status_id, id_order);
CREATE INDEX ix_fs_job_site       ON fs_job (integration_id, site_id, id_order);
CREATE INDEX ix_fs_job_customer   ON fs_job (integration_id, customer_id, id_order);
CREATE INDEX ix_fs_job_number     ON fs_job (integration_id, job_number);
CREATE INDEX ix_fs_job_external   ON fs_job (integration_id, external_id);
CREATE INDEX ix_fs_job_start      ON fs_job (integration_id, start_at);
CREATE INDEX ix_fs_job_first_seen ON fs_job (integration_id, first_seen_at);

-- Where each integration's sync stands; pass_* columns are null when no pass is in progress.
CREATE TABLE fs_sync_checkpoint (
    integration_id    VARCHAR(63) NOT NULL,
    last_completed_to TIMESTAMP WITH TIME ZONE,
    pass_from         TIMESTAMP WITH TIME ZONE,
    pass_to           TIMESTAMP WITH TIME ZONE,
    pass_cursor       VARCHAR,
    pass_pages        INTEGER,
    pass_jobs         BIGINT,
    pass_started_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_fs_sync_checkpoint PRIMARY KEY (integration_id)
);

-- The lookup catalog snapshot of each integration, as one JSON document.
CREATE TABLE fs_lookup_catalog (
    integration_id VARCHAR(63) NOT NULL,
    fetched_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    snapshot       VARCHAR NOT NULL,
    CONSTRAINT pk_fs_lookup_catalog PRIMARY KEY (integration_id)
);

-- The outbox of job creates. The draft is one JSON document; the columns are what queries and claims need.
CREATE TABLE fs_submission (
    submission_id   VARCHAR(64) NOT NULL,
    integration_id  VARCHAR(63) NOT NULL,
    external_id     VARCHAR(64) NOT NULL,
    state           VARCHAR(16) NOT NULL,
    attempts        INTEGER     NOT NULL,
    resent          BOOLEAN     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at      TIMESTAMP WITH TIME ZONE,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    job_id          VARCHAR(19),
    job_number      VARCHAR(64),
    last_error      VARCHAR,
    draft           VARCHAR NOT NULL,
    CONSTRAINT pk_fs_submission PRIMARY KEY (submission_id)
);
CREATE INDEX ix_fs_submission_due      ON fs_submission (integration_id, state, due_at);
CREATE INDEX ix_fs_submission_external ON fs_submission (integration_id, external_id);

-- Received webhook events; the primary key is the dedupe.
CREATE TABLE fs_webhook_event (
    integration_id   VARCHAR(63)  NOT NULL,
    event_id         VARCHAR(200) NOT NULL,
    event_type       VARCHAR(100) NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    job_id           VARCHAR(19),
    status           VARCHAR(64),
    previous_status  VARCHAR(64),
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    raw_body         VARCHAR NOT NULL,
    processing_state VARCHAR(16) NOT NULL,      -- RECEIVED, PROCESSED or FAILED
    processed_at     TIMESTAMP WITH TIME ZONE,
    failures         INTEGER NOT NULL,
    last_error       VARCHAR,
    CONSTRAINT pk_fs_webhook_event PRIMARY KEY (integration_id, event_id)
);
CREATE INDEX ix_fs_webhook_event_state ON fs_webhook_event (integration_id, processing_state, received_at);

-- Bucket4j's shared rate budget state (PostgreSQLSelectForUpdateBasedProxyManager). Only the shared budget,
-- which needs PostgreSQL, uses it; on H2 it is a harmless empty table.
CREATE TABLE fs_budget_bucket (
    id         VARCHAR(200) NOT NULL,
    state      BYTEA,
    expires_at BIGINT,
    CONSTRAINT pk_fs_budget_bucket PRIMARY KEY (id)
);
