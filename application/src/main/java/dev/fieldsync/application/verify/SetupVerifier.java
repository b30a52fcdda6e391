package dev.fieldsync.application.verify;

import dev.fieldsync.application.lookup.CatalogService;
import dev.fieldsync.application.lookup.References;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.Lookup;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerificationStep;
import dev.fieldsync.ports.in.verify.VerificationStep.Outcome;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import dev.fieldsync.ports.in.verify.VerifySetup;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gateway's setup & verification checklist: key format (no call), authentication through the customer
 * lookup (what 200, 401 and 403 mean and what to do), the other five lookups with their counts (a warning
 * at exactly 100: possibly cut off), a read of open jobs with {@code page_size=5}, and only when asked a
 * write test that creates an "Integration check" job and cancels it. Every call is interactive: a person
 * is waiting. When authentication fails, the remaining calls are skipped.
 */
public final class SetupVerifier implements VerifySetup {
    static final String WRITE_TEST_TITLE = "Integration check";
    private static final int READ_REQUESTS = 7;
    private static final int WRITE_REQUESTS = 2;

    private final Gateway gateway;
    private final KeySource keys;
    private final CatalogService lookups;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public SetupVerifier(Gateway gateway, KeySource keys, CatalogService lookups, Clock clock, Supplier<UUID> ids) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public int plannedRequests(VerifyOptions options) {
        return READ_REQUESTS + (options.writeTest() ? WRITE_REQUESTS : 0);
    }

    @Override
    public VerificationReport verify(VerifyOptions options, Consumer<VerificationStep> onStep) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(onStep, "onStep");
        return new Run(options, onStep).execute();
    }

    /** One run of the checklist: the steps so far and the requests spent. */
    private final class Run {
        private final VerifyOptions options;
        private final Consumer<VerificationStep> onStep;
        private final List<VerificationStep> steps = new ArrayList<>();
        private int spent;

        Run(VerifyOptions options, Consumer<VerificationStep> onStep) {
            this.options = options;
            this.onStep = onStep;
        }

        VerificationReport execute() {
            if (!keyFormat()) {
                skipRest("no usable API key");
                return report();
            }
            Optional<List<NamedItem<CustomerId>>> customers = authenticate();
            if (customers.isEmpty()) {
                skipRest("authentication failed");
                return report();
            }
            Optional<List<NamedItem<SiteId>>> sites = lookup("Sites", LookupKind.SITES,
                    () -> gateway.sites(Priority.INTERACTIVE), List::size);
            Optional<List<NamedItem<ProjectId>>> projects = lookup("Projects", LookupKind.PROJECTS,
                    () -> gateway.projects(Priority.INTERACTIVE), List::size);
            Optional<List<NamedItem<JobTypeId>>> jobTypes = lookup("Job types", LookupKind.JOB_TYPES,
                    () -> gateway.jobTypes(Priority.INTERACTIVE), List::size);
            Optional<List<NamedItem<StatusId>>> statuses = lookup("Job statuses", LookupKind.JOB_STATUSES,
                    () -> gateway.jobStatuses(Priority.INTERACTIVE), List::size);
            Optional<List<CustomFieldDef>> customFields = lookup("Custom fields", LookupKind.CUSTOM_FIELDS,
                    () -> gateway.customFields(Priority.INTERACTIVE), List::size);
            if (sites.isPresent() && projects.isPresent() && jobTypes.isPresent() && statuses.isPresent()
                    && customFields.isPresent()) {
                // All six were fetched anyway: keep them as the catalog, saving a background refresh.
                lookups.adopt(LookupCatalog.fetched(clock.instant(), customers.get(), sites.get(), projects.get(),
                        jobTypes.get(), statuses.get(), customFields.get()));
            }
            readOpenJobs();
            if (options.writeTest()) {
                writeTest(sites, jobTypes);
            }
            return report();
        }

        private boolean keyFormat() {
            String name = "Key format";
            try {
                List<ApiKey> configured = keys.keys();
                add(new VerificationStep(name, Outcome.PASSED, configured.size() == 1
                        ? "one well-formed key from " + keys.describe()
                        : configured.size() + " well-formed keys from " + keys.describe()
                                + " (rotation window: the first is used, the next on a 401)",
                        Optional.empty(), Optional.empty()));
                return true;
            } catch (KeyUnavailableException missing) {
                add(new VerificationStep(name, Outcome.FAILED, missing.getMessage(),
                        Optional.of("no usable key is configured (" + keys.describe() + ")"),
                        Optional.of(missing.hint())));
                return false;
            }
        }

        private Optional<List<NamedItem<CustomerId>>> authenticate() {
            String name = "Authentication (GET /v1/customers)";
            try {
                spent++;
                List<NamedItem<CustomerId>> customers = gateway.customers(Priority.INTERACTIVE);
                if (customers.size() >= LookupKind.CAP) {
                    add(new VerificationStep(name, Outcome.WARNING, "key accepted, " + customers.size()
                            + " customers (exactly the cap of 100: the list may be cut off)",
                            Optional.of("lookups return at most 100 items and have no paging"),
                            Optional.of("if a customer you need is missing, ask the gateway operator")));
                } else {
                    add(new VerificationStep(name, Outcome.PASSED, "key accepted, " + customers.size()
                            + (customers.size() == 1 ? " customer" : " customers"), Optional.empty(), Optional.empty()));
                }
                return Optional.of(customers);
            } catch (GatewayProblemException problem) {
                ProblemCode code = problem.problem().code();
                if (code == ProblemCode.UNAUTHORIZED) {
                    add(new VerificationStep(name, Outcome.FAILED, "401 unauthorized",
                            Optional.of("the key is missing, wrong, or lacks the jobs:read scope — the gateway "
                                    + "cannot tell which (by design)"),
                            Optional.of("check the key (" + keys.describe() + ") against the one the gateway "
                                    + "operator gave you, and ask the operator which scopes it has "
                                    + "(jobs:read, jobs:write, sites:write)")));
                } else if (code == ProblemCode.NO_SCOPE) {
                    add(new VerificationStep(name, Outcome.FAILED, "403 no-scope",
                            Optional.of("the key is valid, but no customers are attached to the integration yet"),
                            Optional.of("ask the gateway operator to finish setup (attach your customers)")));
                } else {
                    add(failure(name, problem));
                }
                return Optional.empty();
            } catch (GatewayException failure) {
                add(failure(name, failure));
                return Optional.empty();
            }
        }

        private <T> Optional<List<T>> lookup(String label, LookupKind kind, Supplier<List<T>> call,
                java.util.function.ToIntFunction<List<T>> count) {
            String name = label + " (GET " + kind.path() + ")";
            try {
                spent++;
                List<T> items = call.get();
                int size = count.applyAsInt(items);
                if (size >= LookupKind.CAP) {
                    add(new VerificationStep(name, Outcome.WARNING, size + " items: exactly the cap of 100, so the "
                            + "list may be cut off", Optional.of("lookups return at most 100 items and have no "
                                    + "paging; items past the cap cannot be resolved by name"),
                            Optional.of("use ids for items you cannot find, or ask the gateway operator to trim "
                                    + "the list")));
                } else {
                    add(new VerificationStep(name, Outcome.PASSED, size + (size == 1 ? " item" : " items"),
                            Optional.empty(), Optional.empty()));
                }
                return Optional.of(items);
            } catch (GatewayException failure) {
                add(failure(name, failure));
                return Optional.empty();
            }
        }

        private void readOpenJobs() {
            String name = "Read open jobs (GET /v1/jobs?state=open&page_size=5)";
            try {
                spent++;
                JobPage page = gateway.listJobs(JobQuery.open().withPageSize(5), Optional.empty(), Priority.INTERACTIVE);
                add(new VerificationStep(name, Outcome.PASSED, page.jobs().size() + " open job(s) on the first page"
                        + (page.isLast() ? "" : ", more on later pages"), Optional.empty(), Optional.empty()));
            } catch (GatewayException failure) {
                add(failure(name, failure));
            }
        }

        private void writeTest(Optional<List<NamedItem<SiteId>>> sites, Optional<List<NamedItem<JobTypeId>>> jobTypes) {
            String createName = "Write test: create an \"" + WRITE_TEST_TITLE + "\" job (POST /v1/jobs)";
            String cancelName = "Write test: cancel it (POST /v1/jobs/{id}/cancel)";
            List<Violation> problems = new ArrayList<>();
            Optional<SiteId> site = choose("site", options.site(), sites, LookupKind.SITES, problems);
            Optional<JobTypeId> jobType = choose("job_type", options.jobType(), jobTypes, LookupKind.JOB_TYPES,
                    problems);
            if (!problems.isEmpty()) {
                add(new VerificationStep(createName, Outcome.FAILED, "not sent",
                        Optional.of(problems.stream().map(Violation::message).collect(Collectors.joining("; "))),
                        Optional.of("choose the site and job type for the test job by name or id "
                                + "(e.g. --site \"Head office\" --job-type Service)")));
                skip(cancelName, "no job was created");
                return;
            }
            LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
            OffsetDateTime start = OffsetDateTime.of(tomorrow, LocalTime.of(9, 0), ZoneOffset.UTC);
            String externalId = "fieldsync-verify-" + ids.get().toString().substring(0, 18);
            JobDraft draft = new JobDraft(site.get(), jobType.get(), WRITE_TEST_TITLE, start, start.plusHours(1),
                    Optional.of("Created by fieldsync setup verification and cancelled right away."),
                    Optional.empty(), Optional.of(externalId), Optional.empty(), Map.of());
            CreatedJob created;
            try {
                spent++;
                created = gateway.createJob(draft);
            } catch (OutcomeUnknownException unknown) {
                add(new VerificationStep(createName, Outcome.FAILED, unknown.describe(),
                        Optional.of("the job may or may not have been created"),
                        Optional.of("look for an \"" + WRITE_TEST_TITLE + "\" job (external id " + externalId
                                + ") in FieldInsight and cancel it by hand if it exists")));
                skip(cancelName, "the create's outcome is unknown");
                return;
            } catch (GatewayProblemException problem) {
                if (problem.problem().code() == ProblemCode.UNAUTHORIZED) {
                    add(new VerificationStep(createName, Outcome.FAILED, "401 unauthorized",
                            Optional.of("reads work, so the key lacks the jobs:write scope"),
                            Optional.of("ask the gateway operator to add the jobs:write scope to the key")));
                } else {
                    add(failure(createName, problem));
                }
                skip(cancelName, "no job was created");
                return;
            } catch (GatewayException failure) {
                add(failure(createName, failure));
                skip(cancelName, "no job was created");
                return;
            }
            add(new VerificationStep(createName, Outcome.PASSED, "created job " + created.id()
                    + created.number().map(number -> " (number " + number + ")").orElse("") + " on site "
                    + site.get() + ", preferred window " + start + " to " + start.plusHours(1),
                    Optional.empty(), Optional.empty()));
            cancel(cancelName, created.id());
        }

        private void cancel(String name, JobId job) {
            try {
                spent++;
                gateway.cancelJob(new CancelRequest(job, Optional.of("fieldsync setup verification: test job")));
                add(new VerificationStep(name, Outcome.PASSED, "job " + job + " cancelled", Optional.empty(),
                        Optional.empty()));
            } catch (GatewayException failure) {
                VerificationStep step = failure(name, failure);
                add(new VerificationStep(step.name(), step.outcome(), step.detail(), step.meaning(),
                        Optional.of(step.action().orElse("") + " The test job " + job
                                + " was created: cancel it in FieldInsight by hand.")));
            }
        }

        private <I> Optional<I> choose(String field, Optional<String> wanted, Optional<List<NamedItem<I>>> fetched,
                LookupKind kind, List<Violation> problems) {
            if (wanted.isEmpty() || wanted.get().isBlank()) {
                problems.add(Violation.of(field, "required", "no " + field + " chosen for the test job"));
                return Optional.empty();
            }
            if (fetched.isEmpty()) {
                problems.add(Violation.of(field, "unavailable", "the " + kind.path() + " lookup failed above, so "
                        + field + " '" + wanted.get() + "' cannot be checked"));
                return Optional.empty();
            }
            return References.resolve(field, wanted.get(), Lookup.fetched(fetched.get()), kind, problems);
        }

        private VerificationStep failure(String name, GatewayException failure) {
            String meaning = failure instanceof GatewayProblemException problem
                    ? problem.problem().status() + " " + problem.problem().codeName() + ": " + problem.problem().title()
                    : failure.getMessage();
            return new VerificationStep(name, Outcome.FAILED, failure.describe(), Optional.of(meaning),
                    Optional.of(failure.hint()));
        }

        private void skipRest(String reason) {
            List<String> remaining = new ArrayList<>();
            if (steps.stream().noneMatch(step -> step.name().startsWith("Authentication"))) {
                remaining.add("Authentication (GET /v1/customers)");
            }
            remaining.add("Sites (GET /v1/sites)");
            remaining.add("Projects (GET /v1/projects)");
            remaining.add("Job types (GET /v1/job-types)");
            remaining.add("Job statuses (GET /v1/job-statuses)");
            remaining.add("Custom fields (GET /v1/custom-fields)");
            remaining.add("Read open jobs (GET /v1/jobs?state=open&page_size=5)");
            if (options.writeTest()) {
                remaining.add("Write test: create an \"" + WRITE_TEST_TITLE + "\" job (POST /v1/jobs)");
                remaining.add("Write test: cancel it (POST /v1/jobs/{id}/cancel)");
            }
            remaining.forEach(name -> skip(name, reason));
        }

        private void skip(String name, String reason) {
            add(new VerificationStep(name, Outcome.SKIPPED, "skipped: " + reason, Optional.empty(), Optional.empty()));
        }

        private void add(VerificationStep step) {
            steps.add(step);
            onStep.accept(step);
        }

        private VerificationReport report() {
            return new VerificationReport(steps, plannedRequests(options), spent);
        }
    }
}
