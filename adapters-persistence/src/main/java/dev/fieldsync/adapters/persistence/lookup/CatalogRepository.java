package dev.fieldsync.adapters.persistence.lookup;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Table {@code fs_lookup_catalog}; portable SQL, so the PostgreSQL dialect serves H2 as well. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CatalogRepository extends GenericRepository<CatalogRow, String> {

    Optional<CatalogRow> findById(String integrationId);

    CatalogRow save(CatalogRow row);

    boolean existsById(String id);

    CatalogRow update(CatalogRow row);
}
