-- The integration registry (issue 15): what each integration is and whether an operator paused it. Secrets are
-- held as references only (env:NAME, file:PATH, property:NAME), never in clear. Portable types only (runs on H2 2.x
-- and PostgreSQL 15).
CREATE TABLE fs_integration (
    integration_id      VARCHAR(63)   NOT NULL,
    gateway_url         VARCHAR(2000) NOT NULL,
    key_ref             VARCHAR(1100) NOT NULL,
    next_key_ref        VARCHAR(1100),
    webhook_secret_refs VARCHAR(4000) NOT NULL,   -- references, one per line
    sync_interval_ms    BIGINT        NOT NULL,
    budget_rate         INTEGER       NOT NULL,   -- a minute
    budget_burst        INTEGER       NOT NULL,
    budget_reserve      INTEGER       NOT NULL,
    enabled             BOOLEAN       NOT NULL,
    origin              VARCHAR(16)   NOT NULL,   -- CONFIGURATION or API
    paused_at           TIMESTAMP WITH TIME ZONE, -- set while an operator has it paused
    CONSTRAINT pk_fs_integration PRIMARY KEY (integration_id)
);
