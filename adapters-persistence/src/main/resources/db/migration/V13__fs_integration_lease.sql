-- Leases for many integrations over several instances (issue 15): at most one holder per integration (the primary
-- key), valid until expires_at; each instance's heartbeat says it is alive, so the live instances share the
-- integrations evenly. Times are the instances' injected clock. Portable types only (H2 2.x and PostgreSQL 15).
CREATE TABLE fs_integration_lease (
    integration_id VARCHAR(63)  NOT NULL,
    holder         VARCHAR(63)  NOT NULL,
    acquired_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_fs_integration_lease PRIMARY KEY (integration_id)
);
CREATE INDEX ix_fs_integration_lease_holder ON fs_integration_lease (holder, expires_at);

CREATE TABLE fs_instance (
    instance_id  VARCHAR(63) NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_fs_instance PRIMARY KEY (instance_id)
);
