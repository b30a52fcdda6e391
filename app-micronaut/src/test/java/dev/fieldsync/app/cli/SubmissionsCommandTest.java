package dev.fieldsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldsync submissions list | show | confirm | resend | abandon} as an operator runs them, on an H2
 * database whose mirror a first {@code sync --once} filled and whose outbox holds creates waiting for a person.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionsCommandTest {
    GatewaySandbox sandbox;
    String database;

    @TempDir
    static Path dir;

    List<JobId> mirrored;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    void start() throws IOException {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(12).jobs(60).rateLimited(false).port(0));
        database = "jdbc:h2:mem:cli-submissions-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        Run sync = run("sync", "--once");
        assertThat(sync.code()).as(sync.all()).isEqualTo(ExitCodes.OK);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void theQueueListsWhatNeedsAPersonAndShowGivesTheWholeHistory() throws IOException {
        Submission review = inReview("list-1");

        Run list = run("submissions", "list");
        assertThat(list.code()).as(list.all()).isEqualTo(ExitCodes.OK);
        assertThat(list.out())
                .contains(
                        review.id().value(),
                        "needs_review",
                        "candidates " + mirrored.get(0).value());
        Run none = run("submissions", "list", "--state", "sending");
        assertThat(none.out()).contains("No submissions in sending.");
        Run show = run("submissions", "show", review.id().value());
        assertThat(show.out()).contains("outcome_unknown -> needs_review", "[fieldsync:list-1]");
        assertThat(run("submissions", "list", "--state", "lost").code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run("submissions", "show", "no-such-id").code()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void confirmResendAndAbandonSettleItAndRecordWhoDidIt() throws IOException {
        Submission toConfirm = inReview("confirm-1");
        Run confirmed = run(
                "submissions",
                "confirm",
                toConfirm.id().value(),
                "--job",
                mirrored.get(0).value(),
                "--by",
                "alice");
        assertThat(confirmed.code()).as(confirmed.all()).isEqualTo(ExitCodes.OK);
        assertThat(confirmed.out())
                .contains(
                        "is now created", "confirmed as job " + mirrored.get(0).value());
        assertThat(stored(toConfirm.id())
                        .history()
                        .get(stored(toConfirm.id()).history().size() - 1)
                        .actor())
                .contains("alice");

        Run again = run("submissions", "abandon", toConfirm.id().value());
        assertThat(again.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).contains("abandon is allowed only for submissions that are", "already created");

        Submission toAbandon = inReview("abandon-1");
        Run abandoned = run("submissions", "abandon", toAbandon.id().value(), "--reason", "booked by phone");
        assertThat(abandoned.code()).as(abandoned.all()).isEqualTo(ExitCodes.OK);
        assertThat(stored(toAbandon.id()).state()).isEqualTo(SubmissionState.ABANDONED);
        assertThat(stored(toAbandon.id())
                        .history()
                        .get(stored(toAbandon.id()).history().size() - 1)
                        .actor())
                .hasValueSatisfying(actor -> assertThat(actor).startsWith("cli:"));

        Submission toResend = inReview("resend-1");
        Run resent = run("submissions", "resend", toResend.id().value());
        assertThat(resent.code()).as(resent.all()).isEqualTo(ExitCodes.OK);
        assertThat(stored(toResend.id()).state()).isEqualTo(SubmissionState.PENDING);
        assertThat(stored(toResend.id()).resent()).isTrue();
    }

    @Test
    void badInputIsRefusedWithWhatToDo() throws IOException {
        Submission review = inReview("bad-1");
        Run notDigits = run("submissions", "confirm", review.id().value(), "--job", "abc");
        assertThat(notDigits.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(notDigits.err()).contains("--job must be a job id");
        Run notMirrored = run("submissions", "confirm", review.id().value(), "--job", "99999999");
        assertThat(notMirrored.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(notMirrored.err()).contains("not in the mirror");
        Run unknown = run("submissions", "resend", "no-such-submission");
        assertThat(unknown.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err()).contains("No submission no-such-submission");
        assertThat(stored(review.id()).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
    }

    /** A submission whose create was lost and whose candidate the office renamed, stored as reconciliation leaves it. */
    private Submission inReview(String externalId) {
        try (ApplicationContext context = Contexts.cli(properties())) {
            IntegrationId integration = IntegrationId.of("default");
            mirrored = context
                    .getBean(QueryJobs.class)
                    .search(JobSearch.builder().limit(5).build())
                    .jobs()
                    .stream()
                    .map(j -> j.job().id())
                    .toList();
            var site = context.getBean(QueryJobs.class)
                    .find(mirrored.get(0))
                    .orElseThrow()
                    .job()
                    .site()
                    .id();
            JobDraft draft = JobDraft.validate(JobDraftInput.builder()
                            .site(site.value())
                            .jobType("5001")
                            .title("Needs a person")
                            .startTime("2026-07-01T09:00:00+10:00")
                            .endTime("2026-07-01T10:00:00+10:00")
                            .externalId(externalId)
                            .build())
                    .orElseThrow();
            Instant now = Instant.now();
            Submission review = Submission.pending(SubmissionId.random(), integration, draft, now)
                    .claimed(now)
                    .outcomeUnknown("connection dropped", now)
                    .needsReview(List.of(mirrored.get(0)), "one candidate with another title", now);
            Submissions submissions = context.getBean(Adapters.class).submissions();
            submissions.add(Submission.pending(review.id(), integration, draft, now));
            submissions.update(review);
            return review;
        }
    }

    private Submission stored(SubmissionId id) {
        try (ApplicationContext context = Contexts.cli(properties())) {
            return context.getBean(Adapters.class).submissions().find(id).orElseThrow();
        }
    }

    private Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url",
                database,
                "fieldsync.gateway.base-url",
                sandbox.baseUrl(),
                "fieldsync.key.value",
                SandboxKeys.FULL);
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
}
