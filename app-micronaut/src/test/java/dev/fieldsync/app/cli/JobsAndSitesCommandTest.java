package dev.fieldsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldsync jobs list | create | cancel} and {@code sites create} as a user runs them (in-process),
 * against the gateway sandbox, on one H2 database that a first {@code sync --once} fills: what they print,
 * their exit codes and what the sandbox holds afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsAndSitesCommandTest {
    static final int JOBS = 150;
    GatewaySandbox sandbox;
    String database;

    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    void start() throws IOException {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(11).jobs(JOBS).rateLimited(false).port(0));
        database = "jdbc:h2:mem:cli-jobs-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        Run sync = run("sync", "--once");
        assertThat(sync.code()).as(sync.all()).isEqualTo(ExitCodes.OK);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    Run run(String... args) throws IOException {
        Path keyFile = Files.createTempFile(dir, "key", ".txt");
        Files.writeString(keyFile, SandboxKeys.FULL + "\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--key-file", keyFile.toString(), "--gateway", sandbox.baseUrl(), "--db", database));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FieldsyncCommand.run(
                new Terminal(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jobsListReadsTheMirrorPageByPageWithoutAGatewayCall() throws IOException {
        Set<String> pendingInSandbox = sandbox.dump().stream()
                .filter(job -> job.state().equals("pending"))
                .map(SandboxJob::id)
                .collect(Collectors.toSet());
        long before = sandbox.stats().totalRequests();

        Run first = run("jobs", "list", "--state", "pending", "--limit", "5");
        assertThat(first.code()).as(first.all()).isEqualTo(ExitCodes.OK);
        List<String> firstIds = ids(first.out());
        assertThat(firstIds).hasSize(5);
        assertThat(pendingInSandbox).containsAll(firstIds);
        Matcher more = Pattern.compile("more: --after (\\S+)").matcher(first.out());
        assertThat(more.find()).as(first.out()).isTrue();

        Run second = run("jobs", "list", "--state", "pending", "--limit", "5", "--after", more.group(1));
        assertThat(second.code()).isEqualTo(ExitCodes.OK);
        assertThat(ids(second.out())).hasSize(5).doesNotContainAnyElementsOf(firstIds);
        assertThat(pendingInSandbox).containsAll(ids(second.out()));
        assertThat(sandbox.stats().totalRequests())
                .as("the list reads only the mirror")
                .isEqualTo(before);
    }

    @Test
    void jobsListRefusesBadOptionsWithTheFix() throws IOException {
        Run state = run("jobs", "list", "--state", "done");
        assertThat(state.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(state.err()).contains("--state must be pending, scheduled, in_progress, completed or cancelled");
        Run site = run("jobs", "list", "--site", "Main depot");
        assertThat(site.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(site.err()).contains("--site must be a site id").contains("fieldsync lookups");
        Run limit = run("jobs", "list", "--limit", "0");
        assertThat(limit.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(limit.err()).contains("--limit must be 1-500");
        Run notANumber = run("jobs", "list", "--limit", "many");
        assertThat(notANumber.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(notANumber.err()).contains("--limit").contains("many");
    }

    @Test
    void jobsCreateSendsTheJobAtOnce() throws IOException {
        String title = "Created by the CLI " + UUID.randomUUID();
        String site = sandbox.dump().get(0).siteId();
        Run run = run(
                "jobs",
                "create",
                "--site",
                site,
                "--job-type",
                jobTypeId(),
                "--title",
                title,
                "--start",
                "2026-07-01T09:00:00+10:00",
                "--end",
                "2026-07-01T11:00:00+10:00",
                "--po",
                "PO-CLI-1");
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.OK);
        Matcher created =
                Pattern.compile("Created job (\\d+) \\(number (\\d+)\\)\\.").matcher(run.out());
        assertThat(created.find()).as(run.out()).isTrue();
        SandboxJob job = sandbox.job(created.group(1)).orElseThrow();
        assertThat(job.title()).isEqualTo(title);
        assertThat(job.number()).isEqualTo(created.group(2));
        assertThat(job.siteId()).isEqualTo(site);
        assertThat(job.purchaseOrderNumber()).isEqualTo("PO-CLI-1");
        assertThat(job.state()).isEqualTo("pending");
    }

    @Test
    void jobsCreateListsEveryProblemOfBadInputAndSendsNothing() throws IOException {
        int jobsBefore = sandbox.dump().size();
        Run run = run(
                "jobs",
                "create",
                "--site",
                "No Such Site",
                "--job-type",
                jobTypeId(),
                "--title",
                "x".repeat(201),
                "--start",
                "tomorrow",
                "--end",
                "2026-07-01T11:00:00");
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.err())
                .contains("problem(s):")
                .contains("  - site:")
                .contains("  - title:")
                .contains("  - start_time:")
                .contains("  - end_time:");
        assertThat(sandbox.dump()).hasSize(jobsBefore);

        Run missing = run("jobs", "create", "--title", "No site");
        assertThat(missing.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(missing.err()).contains("Missing required option").contains("--site");
    }

    @Test
    void jobsCancelCancelsOnceAndExplainsASecondTime() throws IOException {
        // The generated job with the lowest id: never one the other scenarios create (they get new, higher ids).
        SandboxJob pending = sandbox.dump().stream()
                .filter(job -> job.state().equals("pending"))
                .min(Comparator.comparing(job -> Long.parseLong(job.id())))
                .orElseThrow();
        Run cancelled = run("jobs", "cancel", pending.id(), "--reason", "Customer rescheduled");
        assertThat(cancelled.code()).as(cancelled.all()).isEqualTo(ExitCodes.OK);
        assertThat(cancelled.out()).contains("Cancelled job " + pending.id() + ".");
        SandboxJob after = sandbox.job(pending.id()).orElseThrow();
        assertThat(after.state()).isEqualTo("cancelled");
        assertThat(after.cancelReason()).isEqualTo("Customer rescheduled");

        Run again = run("jobs", "cancel", pending.id());
        assertThat(again.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err())
                .contains("The gateway refused: 409 cancellation-locked")
                .contains("what to do:");

        Run notAnId = run("jobs", "cancel", "J-16");
        assertThat(notAnId.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(notAnId.err()).contains("JOB_ID must be digits");
    }

    @Test
    void sitesCreateByCustomerNameAndTheSiteIsUsableByNameAtOnce() throws IOException {
        SandboxJob any = sandbox.dump().get(0);
        String siteName = "CLI Depot " + UUID.randomUUID().toString().substring(0, 8);
        Run site = run(
                "sites",
                "create",
                "--customer",
                any.customerName(),
                "--business-name",
                siteName,
                "--address",
                "2 Test St, Pimpama QLD 4209");
        assertThat(site.code()).as(site.all()).isEqualTo(ExitCodes.OK);
        Matcher created = Pattern.compile("Created site (\\d+)\\.").matcher(site.out());
        assertThat(created.find()).as(site.out()).isTrue();

        // A later command, with no lookup refresh in between, takes the new site by its name.
        Run job = run(
                "jobs",
                "create",
                "--site",
                siteName,
                "--job-type",
                jobTypeId(),
                "--title",
                "On the CLI site",
                "--start",
                "2026-07-02T09:00:00+10:00",
                "--end",
                "2026-07-02T10:00:00+10:00");
        assertThat(job.code()).as(job.all()).isEqualTo(ExitCodes.OK);
        Matcher jobId = Pattern.compile("Created job (\\d+)").matcher(job.out());
        assertThat(jobId.find()).isTrue();
        SandboxJob inSandbox = sandbox.job(jobId.group(1)).orElseThrow();
        assertThat(inSandbox.siteId()).isEqualTo(created.group(1));
        assertThat(inSandbox.customerId()).isEqualTo(any.customerId());
        assertThat(inSandbox.siteAddress()).isEqualTo("2 Test St, Pimpama QLD 4209");

        Run unknown = run("sites", "create", "--customer", "Nobody Pty Ltd", "--email", "not-an-email");
        assertThat(unknown.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(unknown.err()).contains("  - customer:");
    }

    private String jobTypeId() {
        return sandbox.dump().stream()
                .map(SandboxJob::jobTypeId)
                .filter(id -> id != null)
                .findFirst()
                .orElseThrow();
    }

    private static List<String> ids(String table) {
        List<String> ids = new ArrayList<>();
        for (String line : table.split("\n")) {
            Matcher row = Pattern.compile("^(\\d+)\\s").matcher(line);
            if (row.find()) {
                ids.add(row.group(1));
            }
        }
        return ids;
    }
}
