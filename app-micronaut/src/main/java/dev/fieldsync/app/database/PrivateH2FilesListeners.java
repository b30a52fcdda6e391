package dev.fieldsync.app.database;

import com.zaxxer.hikari.HikariConfig;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Applies {@link PrivateH2Files} around the opening of every configured data source. */
final class PrivateH2FilesListeners {
    private PrivateH2FilesListeners() {}

    /** A data source's configuration is built before the pool that opens the database. */
    @Singleton
    static class BeforeOpening implements BeanCreatedEventListener<DatasourceConfiguration> {
        @Override
        public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
            PrivateH2Files.prepare(event.getBean().getUrl());
            return event.getBean();
        }
    }

    /** The pool opens its first connection when it is built: by now H2 has created the files. */
    @Singleton
    static class AfterOpening implements BeanCreatedEventListener<DataSource> {
        @Override
        public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
            if (DelegatingDataSource.unwrapDataSource(event.getBean()) instanceof HikariConfig pool) {
                PrivateH2Files.tighten(pool.getJdbcUrl());
            }
            return event.getBean();
        }
    }
}
