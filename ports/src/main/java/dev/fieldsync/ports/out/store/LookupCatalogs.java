package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import java.util.Optional;

/** The persisted lookup catalog of each integration, so a restart costs no gateway call. */
public interface LookupCatalogs {

    Optional<LookupCatalog> load(IntegrationId integration);

    void save(IntegrationId integration, LookupCatalog catalog);
}
