package dev.fieldsync.adapters.persistence;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import java.sql.Connection;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The entry point without a Micronaut application of one's own, on both databases. */
class PersistenceAdaptersTest {

    private static TestDatabase database(String kind) {
        return kind.equals("pg") ? TestDatabase.postgres() : TestDatabase.h2();
    }

    private static void applyAndReadBack(PersistenceAdapters stores) {
        IntegrationId integration = Fixtures.newIntegration();
        SyncCheckpoint checkpoint =
                SyncCheckpoint.initial(integration).startPass(new SyncWindow(T0.minusSeconds(60), T0), T0);
        List<dev.fieldsync.domain.job.Job> page =
                LongStream.rangeClosed(1, 30).mapToObj(Fixtures::job).toList();
        assertThat(stores.jobs().applyPage(integration, page, checkpoint, T0).newCount())
                .isEqualTo(30);
        assertThat(stores.jobs().count(integration)).isEqualTo(30);
        assertThat(stores.checkpoints().load(integration)).contains(checkpoint);
        assertThat(stores.webhookEvents().unprocessed(integration, 5)).isEmpty();
        assertThat(stores.submissions().countByState(integration).values()).containsOnly(0L);
        assertThat(stores.lookupCatalogs().load(integration)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void startOpensItsOwnPoolMigratesAndServesEveryStore(String kind) {
        try (TestDatabase database = database(kind);
                PersistenceAdapters stores = PersistenceAdapters.start(database.url(), database.user(), "")) {
            applyAndReadBack(stores);
            assertThat(stores.database().dialect().name()).isEqualTo(kind.equals("pg") ? "POSTGRESQL" : "H2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void migrateAndOpenServesEveryStoreOnTheCallersPoolAndLeavesItOpen(String kind) throws Exception {
        try (TestDatabase database = database(kind);
                HikariDataSource pool = pool(database)) {
            try (PersistenceAdapters stores = PersistenceAdapters.migrateAndOpen(pool)) {
                applyAndReadBack(stores);
            }
            assertThat(pool.isClosed()).isFalse();
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            try (PersistenceAdapters reopened = PersistenceAdapters.open(pool)) {
                applyAndReadBack(reopened);
            }
        }
    }

    @Test
    void anUnsupportedUrlIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> PersistenceAdapters.start("jdbc:mysql://localhost/x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2: or jdbc:postgresql:");
    }

    private static HikariDataSource pool(TestDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
