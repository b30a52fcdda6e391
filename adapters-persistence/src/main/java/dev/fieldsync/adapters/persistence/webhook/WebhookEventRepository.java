package dev.fieldsync.adapters.persistence.webhook;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** Table {@code fs_webhook_event}; the native statements are portable, so the PostgreSQL dialect serves H2 as well. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface WebhookEventRepository extends GenericRepository<WebhookEventRow, WebhookEventRow.Key> {

    /** Inserts; a redelivered event fails on the primary key. */
    WebhookEventRow save(WebhookEventRow row);

    @Query("SELECT * FROM fs_webhook_event WHERE integration_id = :integrationId AND processing_state = 'RECEIVED' "
            + "ORDER BY occurred_at, received_at, event_id LIMIT :max")
    List<WebhookEventRow> findReceived(String integrationId, int max);

    @Query("UPDATE fs_webhook_event SET processing_state = 'PROCESSED', processed_at = :at, last_error = NULL "
            + "WHERE integration_id = :integrationId AND event_id = :eventId")
    long markProcessed(String integrationId, String eventId, Instant at);

    @Query("UPDATE fs_webhook_event SET processing_state = 'FAILED', processed_at = :at, last_error = :error, "
            + "failures = failures + 1 WHERE integration_id = :integrationId AND event_id = :eventId")
    long markFailed(String integrationId, String eventId, String error, Instant at);
}
