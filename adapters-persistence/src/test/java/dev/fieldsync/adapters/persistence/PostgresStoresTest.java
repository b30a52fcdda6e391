package dev.fieldsync.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract on PostgreSQL at 127.0.0.1:5432, in a fresh schema; fails (never skips) when it is down. */
class PostgresStoresTest extends StoreContractTest {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPageAppliedInsideTheCallersTransactionLeavesThatTransactionsCommitDurable() {
        // applyPage relaxes synchronous_commit only for transactions it opens; a caller's transaction may hold
        // writes (an outbox row, say) whose commit must wait for the WAL flush.
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        IntegrationId integration = Fixtures.newIntegration();
        SyncCheckpoint checkpoint = SyncCheckpoint.initial(integration)
                .startPass(new SyncWindow(Fixtures.T0.minusSeconds(3600), Fixtures.T0), Fixtures.T0)
                .afterPage(Optional.of("d"), 2);
        String setting = transactions.executeWrite(status -> {
            jobs.applyPage(integration, List.of(Fixtures.job(1), Fixtures.job(2)), checkpoint, Fixtures.T0);
            try (Statement show = status.getConnection().createStatement();
                    ResultSet row = show.executeQuery("SHOW synchronous_commit")) {
                row.next();
                return row.getString(1);
            }
        });
        assertThat(setting).isEqualTo("on");
        assertThat(jobs.count(integration)).isEqualTo(2);
    }
}
