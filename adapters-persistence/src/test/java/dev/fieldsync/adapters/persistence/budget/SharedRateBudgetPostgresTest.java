package dev.fieldsync.adapters.persistence.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Migrations;
import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.ports.out.budget.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Three budget instances, each with its own connection pool, sharing one bucket in PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRateBudgetPostgresTest {
    private TestDatabase database;
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeAll
    void migrate() {
        database = TestDatabase.postgres();
        Migrations.apply(pool());
    }

    @AfterAll
    void cleanUp() {
        pools.forEach(HikariDataSource::close);
        database.close();
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(TestDatabase.PG_USER);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    private List<SharedRateBudget> instances(int count, String key, BudgetSettings settings, BudgetTime time) {
        List<SharedRateBudget> budgets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            budgets.add(new SharedRateBudget(Database.on(pool()), key, settings, time));
        }
        return budgets;
    }

    /** One grant: when the caller asked, when it got the token, at which priority. */
    private record Grant(long askedAt, long grantedAt, Priority priority) {
        long waitNanos() {
            return grantedAt - askedAt;
        }
    }

    @Test
    void threeInstancesNeverGrantMoreThanTheBudgetInAnyWindowAndServeInteractiveFirst() throws Exception {
        BudgetSettings settings = new BudgetSettings(120, 5, 2, Duration.ofSeconds(10));
        BudgetTime time = BudgetTime.system();
        List<SharedRateBudget> budgets = instances(3, "window-" + UUID.randomUUID(), settings, time);
        List<Grant> grants = Collections.synchronizedList(new ArrayList<>());
        long runFor = Duration.ofSeconds(6).toNanos();
        long stopAt = time.nanos() + runFor;
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (SharedRateBudget budget : budgets) {
                for (int b = 0; b < 2; b++) {
                    workers.add(pool.submit(() -> {
                        while (time.nanos() < stopAt) {
                            long asked = time.nanos();
                            budget.acquire(Priority.BACKGROUND);
                            grants.add(new Grant(asked, time.nanos(), Priority.BACKGROUND));
                        }
                        return null;
                    }));
                }
                workers.add(pool.submit(() -> {
                    Thread.sleep(1_000); // let background work drain the bucket down to the reserve first
                    while (time.nanos() < stopAt) {
                        long asked = time.nanos();
                        budget.acquire(Priority.INTERACTIVE);
                        grants.add(new Grant(asked, time.nanos(), Priority.INTERACTIVE));
                        Thread.sleep(2_000);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Grant> all = new ArrayList<>(grants);
        assertThat(all).hasSizeGreaterThan(10);
        // Each token was taken at some moment inside [askedAt, grantedAt]. Grants whose whole interval lies in a
        // window [a, b] were taken inside it, so the bucket bounds them by burst + rate * (b - a), however slow
        // the machine is (slowness only widens the intervals). One token of slack for clock rounding.
        double perNano = settings.ratePerMinute() / 60e9;
        for (Grant from : all) {
            for (Grant to : all) {
                long a = from.askedAt();
                long b = to.grantedAt();
                if (b < a) {
                    continue;
                }
                long inside = all.stream()
                        .filter(g -> g.askedAt() >= a && g.grantedAt() <= b)
                        .count();
                double allowed = settings.burst() + perNano * (b - a) + 1;
                assertThat((double) inside)
                        .as("grants inside a window of %d ms", (b - a) / 1_000_000)
                        .isLessThanOrEqualTo(allowed);
            }
        }

        List<Grant> interactive =
                all.stream().filter(g -> g.priority() == Priority.INTERACTIVE).toList();
        List<Grant> background =
                all.stream().filter(g -> g.priority() == Priority.BACKGROUND).toList();
        assertThat(interactive).hasSizeGreaterThanOrEqualTo(6);
        double interactiveWait =
                interactive.stream().mapToLong(Grant::waitNanos).average().orElseThrow();
        double backgroundWait =
                background.stream().mapToLong(Grant::waitNanos).average().orElseThrow();
        System.out.printf(
                "shared budget: %d grants, interactive mean wait %.0f ms (max %d ms), background %.0f ms%n",
                all.size(),
                interactiveWait / 1e6,
                interactive.stream().mapToLong(Grant::waitNanos).max().orElseThrow() / 1_000_000,
                backgroundWait / 1e6);
        assertThat(interactiveWait)
                .as("interactive callers are served ahead of background work")
                .isLessThan(backgroundWait / 2);
    }

    @Test
    void aRateLimitSeenByOneInstancePausesTheOthers() throws InterruptedException {
        ManualBudgetTime time = new ManualBudgetTime(1_700_000_000L * 1_000_000_000L);
        BudgetSettings settings = new BudgetSettings(60, 5, 1, Duration.ofSeconds(10));
        List<SharedRateBudget> budgets = instances(3, "penalty-" + UUID.randomUUID(), settings, time);
        assertThat(budgets.get(1).acquire(Priority.INTERACTIVE)).isZero();

        budgets.get(0).reportRateLimited();

        assertThat(budgets.get(1).status().pausedUntil()).isPresent();
        assertThat(budgets.get(2).status().availableTokens()).isEqualTo(-10);
        Duration waited = budgets.get(2).acquire(Priority.INTERACTIVE);
        assertThat(waited).isEqualTo(Duration.ofSeconds(11));
        assertThat(budgets.get(1).status().pausedUntil()).isEmpty();
    }

    @Test
    void aSharedBudgetRefusesH2WithAClearMessage() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:budget-" + UUID.randomUUID());
        try (HikariDataSource h2 = new HikariDataSource(config)) {
            Database database = Database.on(h2);
            assertThatThrownBy(() -> new SharedRateBudget(database, "k", BudgetSettings.DEFAULTS, BudgetTime.system()))
                    .hasMessageContaining("needs PostgreSQL")
                    .hasMessageContaining("fieldsync.budget.shared=false");
        }
    }
}
