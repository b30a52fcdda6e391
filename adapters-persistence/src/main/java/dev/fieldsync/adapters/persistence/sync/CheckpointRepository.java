package dev.fieldsync.adapters.persistence.sync;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/**
 * Table {@code fs_sync_checkpoint}. The generated SQL is portable (unquoted names, no dialect-only syntax), so the
 * PostgreSQL dialect serves H2 as well.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CheckpointRepository extends GenericRepository<CheckpointRow, String> {

    Optional<CheckpointRow> findById(String integrationId);

    CheckpointRow save(CheckpointRow row);

    boolean existsById(String id);

    CheckpointRow update(CheckpointRow row);
}
