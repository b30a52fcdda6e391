package dev.fieldsync.adapters.persistence;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.store.ChangeLog;
import dev.fieldsync.ports.out.store.contract.ChangeLogContract;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The change log contract on {@link SqlChangeLog}, plus transactions: an append joins the caller's. */
abstract class SqlChangeLogTest extends ChangeLogContract {
    private TestDatabase database;
    private ApplicationContext context;

    protected abstract TestDatabase newDatabase();

    @Override
    protected ChangeLog openChangeLog() {
        database = newDatabase();
        context = ApplicationContext.run(database.properties(), database.kind());
        return context.getBean(ChangeLog.class);
    }

    @Override
    protected void closeChangeLog() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFirstAppendThatWaitsForAnotherFirstAppendOfTheSameIntegrationFollowsIt() throws Exception {
        // Both find no sequence row: the first inserts it and holds it until its commit; the second must then
        // continue after it (the service's first sync page and a job create at start-up, on H2, once failed here).
        IntegrationId integration = Fixtures.newIntegration();
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> transactions.executeWrite(status -> {
                log.append(integration, List.of(created(1, T0)));
                appended.countDown();
                release.await(30, TimeUnit.SECONDS);
                return null;
            }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            Future<List<Change>> second = pool.submit(() -> log.append(integration, List.of(created(2, T0))));
            Thread.sleep(200); // let the second reach the first's lock (it cannot finish before the release)
            assertThat(second).isNotDone();
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS))
                    .extracting(Change::sequence)
                    .containsExactly(2L);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(log.read(integration, 0, 10, Set.of()))
                .extracting(Change::sequence)
                .containsExactly(1L, 2L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAppendRolledBackByTheCallerLeavesNoChangeNoSequenceAndNoAnnouncement() {
        assertThat(log).isInstanceOf(SqlChangeLog.class);
        IntegrationId integration = Fixtures.newIntegration();
        List<Long> heard = Collections.synchronizedList(new ArrayList<>());
        log.onCommitted((which, latest) -> {
            if (which.equals(integration)) {
                heard.add(latest);
            }
        });
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);

        transactions.executeWrite(status -> {
            log.append(integration, List.of(created(1, T0), created(2, T0)));
            assertThat(log.read(integration, 0, 10, Set.of())).hasSize(2);
            assertThat(heard).as("not before the commit").isEmpty();
            status.setRollbackOnly();
            return null;
        });
        assertThat(log.read(integration, 0, 10, Set.of())).isEmpty();
        assertThat(log.latestSequence(integration)).isZero();
        assertThat(heard).isEmpty();

        transactions.executeWrite(status -> {
            log.append(integration, List.of(created(1, T0)));
            assertThat(heard).as("not before the commit").isEmpty();
            return null;
        });
        assertThat(heard).containsExactly(1L);
        assertThat(log.read(integration, 0, 10, Set.of()))
                .extracting(Change::sequence)
                .containsExactly(1L);
    }

    @Test
    void aChangeTimeKeepsTheMicrosecondTheJobColumnsKeepRoundedHalfUp() {
        // PostgreSQL's appends send times as text, which the server would round half to even; the driver rounds the
        // job columns' times half up. Both must store the same microsecond (H2 keeps what its driver sends).
        IntegrationId integration = Fixtures.newIntegration();
        log.append(
                integration,
                List.of(
                        created(1, T0.plusNanos(123_456_500)),
                        created(2, T0.plusNanos(123_456_499)),
                        created(3, T0.plusNanos(999_999_500))));
        assertThat(log.read(integration, 0, 10, Set.of()))
                .extracting(change -> change.entry().occurredAt())
                .containsExactly(T0.plusNanos(123_457_000), T0.plusNanos(123_456_000), T0.plusSeconds(1));
    }

    @Test
    void anAppendOfMoreEntriesThanOneStatementTakesIsNumberedOnInOrder() {
        // PostgreSQL sends an append as statements of ChangeRows.APPEND_CHUNK (1,000) entries each; a sweep's marking
        // of gone jobs can append more at once. Sequences must run on without a gap or a repeat, in the given order.
        IntegrationId integration = Fixtures.newIntegration();
        log.append(integration, List.of(created(1, T0)));
        List<dev.fieldsync.domain.change.ChangeEntry> many = new ArrayList<>();
        for (int i = 2; i <= 2_501; i++) {
            many.add(created(i, T0.plusSeconds(i)));
        }
        List<Change> appended = log.append(integration, many);
        assertThat(appended).extracting(Change::sequence).containsExactlyElementsOf(sequences(2, 2_501));
        List<Change> read = log.read(integration, 0, 3_000, Set.of());
        assertThat(read).extracting(Change::sequence).containsExactlyElementsOf(sequences(1, 2_501));
        assertThat(read)
                .extracting(change -> change.entry().jobId().orElseThrow().value())
                .containsExactlyElementsOf(
                        sequences(1, 2_501).stream().map(String::valueOf).toList());
    }

    private static List<Long> sequences(long from, long to) {
        List<Long> sequences = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            sequences.add(s);
        }
        return sequences;
    }
}
