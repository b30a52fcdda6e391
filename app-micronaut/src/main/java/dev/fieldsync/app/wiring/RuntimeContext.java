package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.metrics.RequestHistories;
import dev.fieldsync.app.scheduling.LoopScheduler;
import dev.fieldsync.app.scheduling.SyncLeaderships;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * What every integration's runtime shares: the service's settings, the database and its stores (keyed by
 * integration), the change log, the registry, how leadership is agreed, the meters, the tracer, one Vert.x instance,
 * the clock, the sources of referenced secrets, each integration's request history (the console's budget page) and
 * the one scheduler every integration's loops run on.
 */
record RuntimeContext(
        FieldsyncSettings service,
        Database database,
        Stores stores,
        SqlChangeLog changeLog,
        SqlIntegrationRegistry registry,
        SyncLeaderships leaderships,
        MeterRegistry meters,
        Tracer tracer,
        Vertx vertx,
        Clock clock,
        SecretSources secrets,
        RequestHistories histories,
        LoopScheduler scheduler) {}
