package dev.fieldsync.adapters.memory;

import static dev.fieldsync.adapters.memory.Fixtures.ACME;
import static dev.fieldsync.adapters.memory.Fixtures.OTHER;
import static dev.fieldsync.adapters.memory.Fixtures.T0;
import static dev.fieldsync.adapters.memory.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.store.JobChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallAdaptersTest {

    @Test
    void lookupCatalogsArePerIntegration() {
        InMemoryLookupCatalogs catalogs = new InMemoryLookupCatalogs();
        assertThat(catalogs.load(ACME)).isEmpty();
        LookupCatalog catalog = LookupCatalog.fetchedAt(T0)
                .fetched(LookupKind.CUSTOMERS, List.of())
                .fetched(LookupKind.SITES, List.of(new NamedItem<>(SiteId.of("1"), "Depot")))
                .fetched(LookupKind.PROJECTS, List.of())
                .fetched(LookupKind.JOB_TYPES, List.of())
                .fetched(LookupKind.JOB_STATUSES, List.of())
                .fetched(LookupKind.CUSTOM_FIELDS, List.of())
                .build();
        catalogs.save(ACME, catalog);
        assertThat(catalogs.load(ACME)).contains(catalog);
        assertThat(catalogs.load(OTHER)).isEmpty();
        assertThat(catalogs.saves()).isEqualTo(1);
    }

    @Test
    void checkpointsArePerIntegrationAndOverwritten() {
        InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
        assertThat(checkpoints.load(ACME)).isEmpty();
        SyncCheckpoint first = SyncCheckpoint.initial(ACME);
        SyncCheckpoint second = Fixtures.checkpointAfterPage(ACME, "c", 1);
        checkpoints.save(first);
        checkpoints.save(second);
        assertThat(checkpoints.load(ACME)).contains(second);
        assertThat(checkpoints.load(OTHER)).isEmpty();
        assertThat(checkpoints.saves()).isEqualTo(2);
    }

    @Test
    void theRecordingListenerKeepsEveryDeliveryInOrder() {
        RecordingJobChangeListener listener = new RecordingJobChangeListener();
        JobChange a = new JobChange(JobChange.Kind.NEW, job(1, "A", JobState.PENDING));
        JobChange b = new JobChange(JobChange.Kind.CHANGED, job(2, "B", JobState.PENDING));
        JobChange c = new JobChange(JobChange.Kind.NEW, job(3, "C", JobState.PENDING));
        listener.onChanges(ACME, List.of(a, b));
        listener.onChanges(OTHER, List.of(c));
        assertThat(listener.deliveries()).hasSize(2);
        assertThat(listener.changes()).containsExactly(a, b, c);
        assertThat(listener.changes(OTHER)).containsExactly(c);
        listener.clear();
        assertThat(listener.changes()).isEmpty();
    }
}
