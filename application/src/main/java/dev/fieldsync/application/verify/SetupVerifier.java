package dev.fieldsync.application.verify;

import dev.fieldsync.application.lookup.CatalogService;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerificationStep;
import dev.fieldsync.ports.in.verify.VerificationStep.Outcome;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import dev.fieldsync.ports.in.verify.VerifySetup;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The gateway's setup &amp; verification checklist: key format (no call), authentication through the customer
 * lookup (what 200, 401 and 403 mean and what to do), the other lookups with their counts (a warning at exactly
 * 100: possibly cut off), a read of open jobs with {@code page_size=5}, a check that paging follows the cursor
 * ({@link PagingCheck}: two one-job reads), and only when asked a write test that
 * creates an "Integration check" job and cancels it ({@link WriteTestSteps}). Every call is interactive: a person is
 * waiting. When authentication fails, the remaining calls are skipped.
 */
public final class SetupVerifier implements VerifySetup {
    static final String WRITE_TEST_TITLE = WriteTestSteps.TITLE;
    /** The lookup whose answer tells whether the key is accepted (a 403 no-scope means no customers yet). */
    private static final LookupKind<?> AUTHENTICATION = LookupKind.CUSTOMERS;

    private static final String KEY_FORMAT = "Key format";
    private static final String READ_OPEN_JOBS =
            "Read open jobs (" + GatewayOperation.LIST_JOBS.label() + "?state=open&page_size=5)";

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

    /** Every lookup, the read of open jobs, the two reads of the paging check; the write test adds its two. */
    @Override
    public int plannedRequests(VerifyOptions options) {
        return LookupKind.all().size() + 1 + PagingCheck.REQUESTS + (options.writeTest() ? WriteTestSteps.REQUESTS : 0);
    }

    @Override
    public VerificationReport verify(VerifyOptions options, Consumer<VerificationStep> onStep) {
        Objects.requireNonNull(options, "options");
        StepLog log = new StepLog(Objects.requireNonNull(onStep, "onStep"));
        new Run(options, log).execute();
        return log.report(plannedRequests(options));
    }

    private static String stepName(LookupKind<?> kind) {
        String what = kind == AUTHENTICATION ? "Authentication" : kind.label();
        return what + " (" + GatewayOperation.lookup(kind).label() + ")";
    }

    /** One run of the checklist. */
    private final class Run {
        private final VerifyOptions options;
        private final StepLog log;
        private final Map<LookupKind<?>, List<?>> fetched = new HashMap<>();

        Run(VerifyOptions options, StepLog log) {
            this.options = options;
            this.log = log;
        }

        void execute() {
            if (!keyFormat()) {
                skipRest("no usable API key");
                return;
            }
            if (!authenticate()) {
                skipRest("authentication failed");
                return;
            }
            LookupKind.all().stream().filter(kind -> kind != AUTHENTICATION).forEach(this::lookup);
            if (fetched.size() == LookupKind.all().size()) {
                // Every lookup was fetched anyway: keep them as the catalog, saving a background refresh.
                LookupCatalog.Builder catalog = LookupCatalog.fetchedAt(clock.instant());
                LookupKind.all().forEach(kind -> keep(catalog, kind));
                lookups.adopt(catalog.build());
            }
            readOpenJobs();
            new PagingCheck(gateway, log).run();
            if (options.writeTest()) {
                new WriteTestSteps(gateway, clock, ids, log)
                        .run(options, fetched(LookupKind.SITES), fetched(LookupKind.JOB_TYPES));
            }
        }

        private boolean keyFormat() {
            try {
                List<ApiKey> configured = keys.keys();
                log.passed(
                        KEY_FORMAT,
                        configured.size() == 1
                                ? "one well-formed key from " + keys.describe()
                                : configured.size() + " well-formed keys from " + keys.describe()
                                        + " (rotation window: the first is used, the next on a 401)");
                return true;
            } catch (KeyUnavailableException missing) {
                log.add(new VerificationStep(
                        KEY_FORMAT,
                        Outcome.FAILED,
                        missing.getMessage(),
                        Optional.of("no usable key is configured (" + keys.describe() + ")"),
                        Optional.of(missing.hint())));
                return false;
            }
        }

        private boolean authenticate() {
            String name = stepName(AUTHENTICATION);
            try {
                log.spend();
                List<?> customers = gateway.lookup(AUTHENTICATION, Priority.INTERACTIVE);
                fetched.put(AUTHENTICATION, customers);
                if (customers.size() >= LookupKind.CAP) {
                    log.add(new VerificationStep(
                            name,
                            Outcome.WARNING,
                            "key accepted, " + customers.size()
                                    + " customers (exactly the cap of 100: the list may be cut off)",
                            Optional.of("lookups return at most 100 items and have no paging"),
                            Optional.of("if a customer you need is missing, ask the gateway operator")));
                } else {
                    log.passed(
                            name,
                            "key accepted, " + customers.size() + (customers.size() == 1 ? " customer" : " customers"));
                }
                return true;
            } catch (GatewayProblemException problem) {
                ProblemCode code = problem.problem().code();
                if (code == ProblemCode.UNAUTHORIZED) {
                    log.add(new VerificationStep(
                            name,
                            Outcome.FAILED,
                            "401 unauthorized",
                            Optional.of("the key is missing, wrong, or lacks the jobs:read scope — the gateway "
                                    + "cannot tell which (by design)"),
                            Optional.of("check the key (" + keys.describe() + ") against the one the gateway "
                                    + "operator gave you, and ask the operator which scopes it has "
                                    + "(jobs:read, jobs:write, sites:write)")));
                } else if (code == ProblemCode.NO_SCOPE) {
                    log.add(new VerificationStep(
                            name,
                            Outcome.FAILED,
                            "403 no-scope",
                            Optional.of("the key is valid, but no customers are attached to the integration yet"),
                            Optional.of("ask the gateway operator to finish setup (attach your customers)")));
                } else {
                    log.add(StepLog.failure(name, problem));
                }
                return false;
            } catch (GatewayException failure) {
                log.add(StepLog.failure(name, failure));
                return false;
            }
        }

        private void lookup(LookupKind<?> kind) {
            String name = stepName(kind);
            try {
                log.spend();
                List<?> items = gateway.lookup(kind, Priority.INTERACTIVE);
                fetched.put(kind, items);
                int size = items.size();
                if (size >= LookupKind.CAP) {
                    log.add(new VerificationStep(
                            name,
                            Outcome.WARNING,
                            size + " items: exactly the cap of 100, so " + "the list may be cut off",
                            Optional.of("lookups return at most 100 items and have no "
                                    + "paging; items past the cap cannot be resolved by name"),
                            Optional.of("use ids for items you cannot find, or ask the gateway operator to trim "
                                    + "the list")));
                } else {
                    log.passed(name, size + (size == 1 ? " item" : " items"));
                }
            } catch (GatewayException failure) {
                log.add(StepLog.failure(name, failure));
            }
        }

        private void readOpenJobs() {
            try {
                log.spend();
                JobPage page =
                        gateway.listJobs(JobQuery.open().withPageSize(5), Optional.empty(), Priority.INTERACTIVE);
                log.passed(
                        READ_OPEN_JOBS,
                        page.jobs().size() + " open job(s) on the first page"
                                + (page.isLast() ? "" : ", more on later pages"));
            } catch (GatewayException failure) {
                log.add(StepLog.failure(READ_OPEN_JOBS, failure));
            }
        }

        @SuppressWarnings("unchecked") // fetched holds each kind's own answer
        private <T> Optional<List<T>> fetched(LookupKind<T> kind) {
            return Optional.ofNullable((List<T>) fetched.get(kind));
        }

        private <T> void keep(LookupCatalog.Builder catalog, LookupKind<T> kind) {
            fetched(kind).ifPresent(items -> catalog.fetched(kind, items));
        }

        private void skipRest(String reason) {
            List<String> remaining = new ArrayList<>();
            LookupKind.all().stream()
                    .map(SetupVerifier::stepName)
                    .filter(name -> !log.has(name))
                    .forEach(remaining::add);
            remaining.add(READ_OPEN_JOBS);
            remaining.add(PagingCheck.NAME);
            if (options.writeTest()) {
                remaining.add(WriteTestSteps.CREATE);
                remaining.add(WriteTestSteps.CANCEL);
            }
            remaining.forEach(name -> log.skip(name, reason));
        }
    }
}
