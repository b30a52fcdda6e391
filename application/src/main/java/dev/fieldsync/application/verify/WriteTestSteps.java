package dev.fieldsync.application.verify;

import dev.fieldsync.application.lookup.References;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.lookup.Lookup;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.verify.VerificationStep;
import dev.fieldsync.ports.in.verify.VerificationStep.Outcome;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The checklist's optional last steps: create an "Integration check" job tomorrow at 09:00 UTC on the chosen site
 * and job type (names resolved against the lookups just fetched), then cancel it right away.
 */
final class WriteTestSteps {
    static final String TITLE = "Integration check";
    static final String CREATE =
            "Write test: create an \"" + TITLE + "\" job (" + GatewayOperation.CREATE_JOB.label() + ")";
    static final String CANCEL = "Write test: cancel it (" + GatewayOperation.CANCEL_JOB.label() + ")";
    static final int REQUESTS = 2;

    private final Gateway gateway;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final StepLog log;

    WriteTestSteps(Gateway gateway, Clock clock, Supplier<UUID> ids, StepLog log) {
        this.gateway = gateway;
        this.clock = clock;
        this.ids = ids;
        this.log = log;
    }

    void run(
            VerifyOptions options,
            Optional<List<NamedItem<SiteId>>> sites,
            Optional<List<NamedItem<JobTypeId>>> jobTypes) {
        List<Violation> problems = new ArrayList<>();
        Optional<SiteId> site = choose(options.site(), sites, LookupKind.SITES, problems);
        Optional<JobTypeId> jobType = choose(options.jobType(), jobTypes, LookupKind.JOB_TYPES, problems);
        if (!problems.isEmpty()) {
            log.add(new VerificationStep(
                    CREATE,
                    Outcome.FAILED,
                    "not sent",
                    Optional.of(problems.stream().map(Violation::message).collect(Collectors.joining("; "))),
                    Optional.of("choose the site and job type for the test job by name or id "
                            + "(e.g. --site \"Head office\" --job-type Service)")));
            log.skip(CANCEL, "no job was created");
            return;
        }
        LocalDate tomorrow =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        OffsetDateTime start = OffsetDateTime.of(tomorrow, LocalTime.of(9, 0), ZoneOffset.UTC);
        String externalId = "fieldsync-verify-" + ids.get().toString().substring(0, 18);
        JobDraft draft = new JobDraft(
                site.get(),
                jobType.get(),
                TITLE,
                start,
                start.plusHours(1),
                Optional.of("Created by fieldsync setup verification and cancelled right away."),
                Optional.empty(),
                Optional.of(externalId),
                Optional.empty(),
                Map.of());
        CreatedJob created;
        try {
            log.spend();
            created = gateway.createJob(draft);
        } catch (OutcomeUnknownException unknown) {
            log.add(new VerificationStep(
                    CREATE,
                    Outcome.FAILED,
                    unknown.describe(),
                    Optional.of("the job may or may not have been created"),
                    Optional.of("look for an \"" + TITLE + "\" job (external id " + externalId
                            + ") in FieldInsight and cancel it by hand if it exists")));
            log.skip(CANCEL, "the create's outcome is unknown");
            return;
        } catch (GatewayProblemException problem) {
            if (problem.problem().code() == ProblemCode.UNAUTHORIZED) {
                log.add(new VerificationStep(
                        CREATE,
                        Outcome.FAILED,
                        "401 unauthorized",
                        Optional.of("reads work, so the key lacks the jobs:write scope"),
                        Optional.of("ask the gateway operator to add the jobs:write scope to the key")));
            } else {
                log.add(StepLog.failure(CREATE, problem));
            }
            log.skip(CANCEL, "no job was created");
            return;
        } catch (GatewayException failure) {
            log.add(StepLog.failure(CREATE, failure));
            log.skip(CANCEL, "no job was created");
            return;
        }
        log.passed(
                CREATE,
                "created job " + created.id()
                        + created.number()
                                .map(number -> " (number " + number + ")")
                                .orElse("") + " on site "
                        + site.get() + ", preferred window " + start + " to " + start.plusHours(1));
        cancel(created.id());
    }

    private void cancel(JobId job) {
        try {
            log.spend();
            gateway.cancelJob(new CancelRequest(job, Optional.of("fieldsync setup verification: test job")));
            log.passed(CANCEL, "job " + job + " cancelled");
        } catch (GatewayException failure) {
            VerificationStep step = StepLog.failure(CANCEL, failure);
            log.add(new VerificationStep(
                    step.name(),
                    step.outcome(),
                    step.detail(),
                    step.meaning(),
                    Optional.of(step.action().orElse("") + " The test job " + job
                            + " was created: cancel it in FieldInsight by hand.")));
        }
    }

    private static <I> Optional<I> choose(
            Optional<String> wanted,
            Optional<List<NamedItem<I>>> fetched,
            LookupKind.Named<I> kind,
            List<Violation> problems) {
        String field = kind.field();
        if (wanted.isEmpty() || wanted.get().isBlank()) {
            problems.add(Violation.of(field, "required", "no " + field + " chosen for the test job"));
            return Optional.empty();
        }
        if (fetched.isEmpty()) {
            problems.add(Violation.of(
                    field,
                    "unavailable",
                    "the " + kind.path() + " lookup failed above, so " + field + " '" + wanted.get()
                            + "' cannot be checked"));
            return Optional.empty();
        }
        return References.resolve(field, wanted.get(), Lookup.fetched(fetched.get()), kind, problems);
    }
}
