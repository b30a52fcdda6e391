package dev.fieldsync.app.cli;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.write.CancelJob;
import dev.fieldsync.ports.in.write.DispatchSubmissions;
import dev.fieldsync.ports.in.write.SubmitJob;
import dev.fieldsync.ports.in.write.SubmitResult;
import io.micronaut.context.ApplicationContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fieldsync jobs list | create | cancel}. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "Lists mirrored jobs, creates and cancels jobs.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.CreateJob.class, JobsCommand.CancelJobCommand.class})
class JobsCommand extends CommandGroup {
    /** {@code fieldsync jobs list}: from the local mirror, no gateway call. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists jobs from the local mirror (no gateway call; run 'fieldsync sync --once' first).")
    static class ListJobs extends BaseCommand {
        @Option(names = "--state", description = "pending, scheduled, in_progress, completed or cancelled.")
        String state;

        @Option(names = "--site", paramLabel = "SITE_ID", description = "Only jobs of this site id.")
        String site;

        @Option(names = "--title", description = "Title contains this text (any case).")
        String title;

        @Option(names = "--limit", defaultValue = "20", description = "How many (1-500, default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--after", paramLabel = "CURSOR", description = "The cursor printed after the previous list.")
        String after;

        @Override
        int run(ApplicationContext context) {
            JobSearch.Builder search = JobSearch.builder();
            if (state != null) {
                Optional<JobState> parsed = JobState.find(state);
                if (parsed.isEmpty()) {
                    terminal.err().println("--state must be pending, scheduled, in_progress, completed or cancelled");
                    return ExitCodes.CONFIGURATION;
                }
                search.state(parsed.get());
            }
            if (site != null) {
                if (!NumericId.isDigits(site)) {
                    terminal.err().println("--site must be a site id (digits); see 'fieldsync lookups'");
                    return ExitCodes.CONFIGURATION;
                }
                search.site(SiteId.of(site));
            }
            if (title != null) {
                search.titleContains(title);
            }
            if (limit < 1 || limit > JobSearch.MAX_LIMIT) {
                terminal.err().println("--limit must be 1-" + JobSearch.MAX_LIMIT);
                return ExitCodes.CONFIGURATION;
            }
            JobSlice slice = context.getBean(QueryJobs.class)
                    .search(search.limit(limit).after(after).build());
            terminal.out().printf("%-10s %-8s %-12s %-26s %s%n", "id", "number", "state", "start", "title");
            for (MirroredJob mirrored : slice.jobs()) {
                Job job = mirrored.job();
                terminal.out()
                        .printf(
                                "%-10s %-8s %-12s %-26s %s%n",
                                job.id(),
                                job.number().value(),
                                mirrored.effectiveState().wireName() + (mirrored.isProvisional() ? "*" : ""),
                                job.startTime().map(Object::toString).orElse("-"),
                                job.title());
            }
            slice.nextCursor().ifPresent(cursor -> terminal.out().println("more: --after " + cursor));
            return ExitCodes.OK;
        }
    }

    /** {@code fieldsync jobs create}: through the outbox, sent at once. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates a job (unscheduled: start and end are the preferred window) through the durable "
                        + "outbox and sends it at once. Names are accepted where ids are expected."
            })
    static class CreateJob extends BaseCommand {
        @Option(names = "--site", required = true, description = "Site name or id.")
        String site;

        @Option(names = "--job-type", required = true, description = "Job type name or id.")
        String jobType;

        @Option(names = "--title", required = true, description = "1-200 characters.")
        String title;

        @Option(
                names = "--start",
                required = true,
                description = "Preferred start, ISO-8601 with offset, e.g. 2026-07-01T09:00:00+10:00.")
        String start;

        @Option(names = "--end", required = true, description = "Preferred end, ISO-8601 with offset.")
        String end;

        @Option(names = "--notes", description = "Office-only notes (at most 2000 characters).")
        String notes;

        @Option(names = "--po", description = "Purchase order number (at most 100 characters).")
        String purchaseOrder;

        @Option(names = "--external-id", description = "Your reference (at most 36 characters); generated when absent.")
        String externalId;

        @Option(names = "--project", description = "Project name or id.")
        String project;

        @Option(names = "--field", paramLabel = "NAME=VALUE", description = "A custom field (repeatable).")
        Map<String, String> fields = new LinkedHashMap<>();

        @Override
        int run(ApplicationContext context) {
            SubmitResult result = context.getBean(SubmitJob.class)
                    .submit(JobDraftInput.builder()
                            .site(site)
                            .jobType(jobType)
                            .title(title)
                            .startTime(start)
                            .endTime(end)
                            .notes(notes)
                            .purchaseOrderNumber(purchaseOrder)
                            .externalId(externalId)
                            .project(project)
                            .customFields(fields)
                            .build());
            if (result instanceof SubmitResult.Rejected rejected) {
                WriteResults.violations(terminal, rejected.violations());
                return ExitCodes.CONFIGURATION;
            }
            Submission submission = ((SubmitResult.Accepted) result).submission();
            terminal.err()
                    .println("Stored submission " + submission.id() + " (external id " + submission.externalId()
                            + "); sending...");
            context.getBean(DispatchSubmissions.class).dispatchDue(10);
            Submission now =
                    context.getBean(SubmitJob.class).submission(submission.id()).orElse(submission);
            switch (now.state()) {
                case CREATED -> {
                    terminal.out()
                            .println("Created job "
                                    + now.jobId().map(JobId::value).orElse("?")
                                    + now.jobNumber()
                                            .map(n -> " (number " + n.value() + ")")
                                            .orElse("") + ".");
                    return ExitCodes.OK;
                }
                case OUTCOME_UNKNOWN -> {
                    terminal.err()
                            .println(
                                    "Outcome unknown: " + now.lastError().orElse("the gateway did not answer clearly"));
                    terminal.err()
                            .println(
                                    "  what to do: nothing by hand; fieldsync reconciles it from the next sync passes.");
                    return ExitCodes.OUTCOME_UNKNOWN;
                }
                case FAILED -> {
                    terminal.err().println("Failed: " + now.lastError().orElse("refused by the gateway"));
                    return ExitCodes.FAILED;
                }
                default -> {
                    terminal.out()
                            .println("Queued (" + now.state().name().toLowerCase(java.util.Locale.ROOT) + ")"
                                    + now.lastError().map(e -> ": " + e).orElse("")
                                    + "; a running 'fieldsync serve' sends it.");
                    return ExitCodes.OK;
                }
            }
        }
    }

    /** {@code fieldsync jobs cancel}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a pending job.")
    static class CancelJobCommand extends BaseCommand {
        @Parameters(paramLabel = "JOB_ID", description = "The job's id.")
        String jobId;

        @Option(names = "--reason", description = "Shown to the scheduling team.")
        String reason;

        @Override
        int run(ApplicationContext context) {
            if (!NumericId.isDigits(jobId)) {
                terminal.err()
                        .println("JOB_ID must be digits (the job's id, not its number); see 'fieldsync jobs list'");
                return ExitCodes.CONFIGURATION;
            }
            return WriteResults.print(
                    terminal,
                    context.getBean(CancelJob.class).cancel(JobId.of(jobId), Optional.ofNullable(reason)),
                    id -> "Cancelled job " + id + ".");
        }
    }
}
