package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.PassProgress;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.sync.SyncStatus;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Closing the service while a pass runs (what SIGTERM does) stops the pass at a page boundary with nothing
 * half-written: the stored checkpoint accounts for exactly the jobs in the mirror, and the next instance resumes
 * at its cursor and completes the pass to the sandbox's state, fetching only the pages not yet applied.
 */
class GracefulShutdownTest {
    static final int JOBS = 2_000;
    static final int PAGES = JOBS / 100;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void closingTheServiceMidPassStopsAtAPageBoundaryAndTheNextInstanceResumes(String kind) throws Exception {
        Map<String, Object> database = kind.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
        try (GatewaySandbox sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(21).jobs(JOBS).rateLimited(false).port(0))) {
            sandbox.faults().latencyMillis(150); // slow pages, so the pass is surely mid-way when the service stops
            Map<String, Object> properties = properties(database, sandbox);

            Logger loopsLog = (Logger) LoggerFactory.getLogger(ServiceLoops.class);
            ListAppender<ILoggingEvent> loopsEvents = new ListAppender<>();
            loopsEvents.start();
            loopsLog.addAppender(loopsEvents);
            ApplicationContext service = Contexts.server(properties);
            ServiceEndToEndTest.poll(Duration.ofSeconds(60), "the first pass to apply two pages", () -> {
                Optional<PassProgress> pass =
                        service.getBean(SyncJobs.class).status().inProgress();
                return pass.filter(p -> p.pagesDone() >= 2).orElse(null);
            });
            try {
                service.close();
            } finally {
                loopsLog.detachAppender(loopsEvents);
            }
            assertThat(loopsEvents.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .as("the pass stopped at a page boundary; no page in flight failed")
                    .anyMatch(line -> line.startsWith("sync pass stopped early"))
                    .noneMatch(line -> line.startsWith("sync pass failed"));

            sandbox.faults().latencyMillis(0);
            long requestsBefore = sandbox.stats().totalRequests();
            try (ApplicationContext next = Contexts.cli(properties)) {
                SyncStatus stopped = next.getBean(SyncJobs.class).status();
                PassProgress progress = stopped.inProgress()
                        .orElseThrow(() ->
                                new AssertionError("the pass should have stopped mid-way, not completed: " + stopped));
                assertThat(stopped.lastCompletedTo()).isEmpty();
                assertThat(progress.pagesDone()).isBetween(2, PAGES - 1);
                assertThat(progress.nextCursor()).isPresent();
                // Every page the checkpoint counts is in the mirror, and nothing beyond it.
                Map<String, String> mirrored = mirror(next);
                assertThat((long) mirrored.size())
                        .isEqualTo(progress.jobsSeen())
                        .isEqualTo(progress.pagesDone() * 100L);
                Map<String, String> expected = expected(sandbox);
                mirrored.forEach((id, job) -> assertThat(job).as("job " + id).isEqualTo(expected.get(id)));

                SyncOutcome resumed = next.getBean(SyncJobs.class).runPass(SyncProgressListener.NONE);
                assertThat(resumed.completed()).isTrue();
                assertThat(resumed.resumed()).isTrue();
                assertThat(resumed.pages())
                        .as("only the pages not applied before the stop")
                        .isEqualTo(PAGES - progress.pagesDone());
                assertThat(sandbox.stats().totalRequests() - requestsBefore).isEqualTo(PAGES - progress.pagesDone());
                assertThat(mirror(next)).isEqualTo(expected);
                assertThat(next.getBean(SyncJobs.class).status().inProgress()).isEmpty();
            }
        }
    }

    private static Map<String, Object> properties(Map<String, Object> database, GatewaySandbox sandbox) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("fieldsync.integration-id", TestDatabases.uniqueIntegration()); // the sync lock is database-wide
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", "shutdown-test-token-0123456789");
        properties.put("fieldsync.budget.rate-per-minute", 1000);
        properties.put("fieldsync.budget.burst", 100);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        return properties;
    }

    private static Map<String, String> expected(GatewaySandbox sandbox) {
        return sandbox.dump().stream()
                .collect(Collectors.toMap(
                        SandboxJob::id,
                        job -> job.title() + "|" + job.state() + "|" + job.siteId() + "|" + job.notes()));
    }

    private static Map<String, String> mirror(ApplicationContext context) {
        Map<String, String> mirrored = new HashMap<>();
        QueryJobs query = context.getBean(QueryJobs.class);
        Optional<String> after = Optional.empty();
        do {
            JobSlice slice = query.search(JobSearch.builder()
                    .limit(JobSearch.MAX_LIMIT)
                    .after(after.orElse(null))
                    .build());
            for (MirroredJob job : slice.jobs()) {
                mirrored.put(
                        job.job().id().value(),
                        job.job().title() + "|" + job.job().state().wireName() + "|"
                                + job.job().site().id().value() + "|"
                                + job.job().notes());
            }
            after = slice.nextCursor();
        } while (after.isPresent());
        return mirrored;
    }
}
