package dev.fieldsync.adapters.persistence.budget;

import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.util.Objects;

/**
 * A budget shared by every instance that uses the same PostgreSQL database and budget key: Bucket4j's
 * {@code SELECT ... FOR UPDATE} proxy manager keeps the bucket in table {@code fs_budget_bucket} (created by the
 * Flyway migration). A 429 reported by any instance puts the shared bucket into debt, so all of them pause.
 * Each probe is a blocking JDBC transaction: never call {@link #acquire} on an event-loop thread.
 */
public final class SharedRateBudget extends BucketRateBudget {
    /** The table the Flyway migration creates for Bucket4j. */
    public static final String TABLE = "fs_budget_bucket";

    private final Bucket bucket;

    /**
     * @param database  a PostgreSQL database (H2 cannot host Bucket4j's proxy)
     * @param budgetKey names the budget, e.g. the integration id: instances with the same key share one bucket
     */
    public SharedRateBudget(Database database, String budgetKey, BudgetSettings settings, BudgetTime time) {
        super(settings, time);
        Objects.requireNonNull(database, "database");
        if (budgetKey == null || budgetKey.isBlank() || budgetKey.length() > 200) {
            throw new IllegalArgumentException("a shared budget key is 1-200 characters, got '" + budgetKey + "'");
        }
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalStateException(
                    "a shared rate budget needs PostgreSQL, but the data source is " + database.dialect()
                            + "; set fieldsync.budget.shared=false or point the data source at PostgreSQL");
        }
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxyManager =
                Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database.dataSource())
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table(TABLE)
                        .idColumn("id")
                        .stateColumn("state")
                        .clientClock(time.asTimeMeter())
                        .build();
        BucketConfiguration configuration = configuration(settings);
        this.bucket = proxyManager.builder().build(budgetKey, () -> configuration);
    }

    @Override
    protected Bucket bucket() {
        return bucket;
    }
}
