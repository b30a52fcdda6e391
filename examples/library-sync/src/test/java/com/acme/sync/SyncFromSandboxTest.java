package com.acme.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program against the in-process sandbox; the oracle is the sandbox's own dump of its jobs. */
class SyncFromSandboxTest {

    private static String h2(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("mirror") + ";MODE=PostgreSQL";
    }

    @Test
    void onePassMirrorsEveryJobTheSandboxHolds(@TempDir Path directory) {
        SandboxOptions options = SandboxOptions.defaults()
                .seed(7)
                .jobs(230)
                .rateLimited(false)
                .stillWorld()
                .port(0);
        try (GatewaySandbox sandbox = GatewaySandbox.start(options)) {
            List<SandboxJob> oracle = sandbox.dump();

            SyncOutcome outcome = SyncFromSandbox.mirror(sandbox.baseUrl(), SandboxKeys.FULL, h2(directory));

            assertThat(outcome.completed()).isTrue();
            assertThat(outcome.newJobs()).isEqualTo(oracle.size()).isEqualTo(230);
            assertThat(outcome.pages()).isEqualTo(3); // 100 a page
            // The mirror outlives the program: open the database again and compare it job by job.
            try (PersistenceAdapters stores = PersistenceAdapters.start(h2(directory), "sa", "")) {
                assertThat(stores.jobs().count(SyncFromSandbox.INTEGRATION)).isEqualTo(oracle.size());
                for (SandboxJob expected : oracle) {
                    MirroredJob mirrored = stores.jobs()
                            .find(SyncFromSandbox.INTEGRATION, JobId.of(expected.id()))
                            .orElseThrow(() -> new AssertionError("not mirrored: job " + expected.id()));
                    assertThat(mirrored.job().title()).isEqualTo(expected.title());
                    assertThat(mirrored.job().site().id().value()).isEqualTo(expected.siteId());
                }
            }
        }
    }

    @Test
    void theProgramReportsItsPass(@TempDir Path directory) {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            SyncFromSandbox.main(new String[] {h2(directory)});
        } finally {
            System.setOut(console);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("mirrored 250 jobs (250 new) in 3 pages, pass completed: true");
    }
}
