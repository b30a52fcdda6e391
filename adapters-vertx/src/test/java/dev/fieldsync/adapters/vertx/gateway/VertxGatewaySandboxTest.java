package dev.fieldsync.adapters.vertx.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.adapters.vertx.key.FixedKeySource;
import dev.fieldsync.adapters.vertx.testing.CapturedLogs;
import dev.fieldsync.adapters.vertx.testing.VirtualTime;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.site.SiteDetails;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation, and every error the sandbox can produce, against the in-process gateway sandbox. */
class VertxGatewaySandboxTest {
    static GatewaySandbox sandbox;
    static Vertx vertx;
    UnlimitedRateBudget budget;
    VirtualTime time;
    CapturedLogs logs;
    List<VertxGateway> opened = new ArrayList<>();
    VertxGateway gateway;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(42).jobs(300).rateLimited(false).port(0));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        vertx.close();
    }

    @BeforeEach
    void setUp() {
        sandbox.reset();
        sandbox.settings().rateLimited(false);
        budget = new UnlimitedRateBudget();
        time = new VirtualTime();
        logs = CapturedLogs.of(VertxGateway.class.getName());
        gateway = gateway(SandboxKeys.FULL, b -> {});
    }

    @AfterEach
    void tearDown() {
        opened.forEach(VertxGateway::close);
        logs.close();
        assertThat(logs.all()).doesNotContain(SandboxKeys.FULL, SandboxKeys.READ_ONLY, SandboxKeys.NO_CUSTOMERS);
    }

    VertxGateway gateway(String key, Consumer<VertxGatewayBuilder> tweak) {
        VertxGatewayBuilder builder = VertxGateway.builder()
                .baseUrl(sandbox.baseUrl())
                .keySource(new FixedKeySource(ApiKey.of(key)))
                .budget(budget)
                .vertx(vertx)
                .attemptTimeout(Duration.ofSeconds(5))
                .clock(time.clock())
                .sleeper(time)
                .random(new Random(3))
                .maxAttempts(4);
        tweak.accept(builder);
        VertxGateway built = builder.build();
        opened.add(built);
        return built;
    }

    JobDraft draft(String title) {
        SiteId site =
                gateway.lookup(LookupKind.SITES, Priority.INTERACTIVE).get(0).id();
        JobTypeId type = gateway.lookup(LookupKind.JOB_TYPES, Priority.INTERACTIVE)
                .get(0)
                .id();
        return new JobDraft(
                site,
                type,
                title,
                OffsetDateTime.parse("2026-09-01T09:00:00+10:00"),
                OffsetDateTime.parse("2026-09-01T11:00:00+10:00"),
                Optional.of("office note"),
                Optional.of("PO-7"),
                Optional.of("ERP-" + title.hashCode()),
                Optional.empty(),
                Map.of());
    }

    static JobPatch titlePatch(String title) {
        return new JobPatch(
                Optional.of(title),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());
    }

    static SiteDetails business(String name) {
        return SiteDetails.NONE.withBusinessName(name).withAddress("1 Test St").withEmail("a@b.example");
    }

    SandboxJob pendingJob() {
        return sandbox.dump().stream()
                .filter(j -> j.state().equals("pending"))
                .findFirst()
                .orElseThrow();
    }

    SandboxJob scheduledJob() {
        return sandbox.dump().stream()
                .filter(j -> j.state().equals("scheduled"))
                .findFirst()
                .orElseThrow();
    }

    static ProblemCode problemOf(ThrowingCallable call) {
        GatewayProblemException e = catchThrowableOfType(GatewayProblemException.class, call);
        assertThat(e).as("expected a problem document").isNotNull();
        assertThat(e.clientRequestId()).isPresent();
        assertThat(e.gatewayRequestId()).isPresent();
        return e.problem().code();
    }

    // ---- the 12 operations --------------------------------------------------------------------------

    @Test
    void readsAllSixLookups() {
        List<NamedItem<CustomerId>> customers = gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND);
        assertThat(customers).isNotEmpty().allSatisfy(c -> assertThat(c.name()).isNotBlank());
        assertThat(gateway.lookup(LookupKind.SITES, Priority.BACKGROUND)).isNotEmpty();
        assertThat(gateway.lookup(LookupKind.PROJECTS, Priority.BACKGROUND)).isNotEmpty();
        assertThat(gateway.lookup(LookupKind.JOB_TYPES, Priority.BACKGROUND)).isNotEmpty();
        assertThat(gateway.lookup(LookupKind.JOB_STATUSES, Priority.BACKGROUND)).isNotEmpty();
        List<CustomFieldDef> fields = gateway.lookup(LookupKind.CUSTOM_FIELDS, Priority.BACKGROUND);
        assertThat(fields)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.externalName()).isNotBlank());
        assertThat(budget.grants(Priority.BACKGROUND)).isEqualTo(6);
    }

    @Test
    void pagesThroughEveryJobWithTheSameFilters() {
        List<Job> all = new ArrayList<>();
        gateway.pages(
                        JobQuery.open().withState(JobQuery.StateFilter.ALL).withPageSize(100),
                        Optional.empty(),
                        Priority.BACKGROUND)
                .forEachRemaining(page -> all.addAll(page.jobs()));

        List<SandboxJob> oracle = sandbox.dump();
        assertThat(all).hasSize(oracle.size());
        assertThat(new HashSet<>(all.stream().map(j -> j.id().value()).toList()))
                .isEqualTo(new HashSet<>(oracle.stream().map(SandboxJob::id).toList()));
        SandboxJob expected = oracle.get(17);
        Job mapped = all.stream()
                .filter(j -> j.id().value().equals(expected.id()))
                .findFirst()
                .orElseThrow();
        assertThat(mapped.title()).isEqualTo(expected.title());
        assertThat(mapped.number().value()).isEqualTo(expected.number());
        assertThat(mapped.status().id().value()).isEqualTo(expected.statusId());
        assertThat(mapped.state().wireName()).isEqualTo(expected.state());
        assertThat(mapped.site().id().value()).isEqualTo(expected.siteId());
        assertThat(mapped.customer().name()).isEqualTo(expected.customerName());
        assertThat(mapped.startTime().map(OffsetDateTime::toInstant))
                .contains(expected.startTime().toInstant());
        assertThat(mapped.customFields()).isEqualTo(expected.customFields());
    }

    @Test
    void filtersByNumberAndByUpdatedWindow() {
        SandboxJob target = sandbox.dump().get(5);
        JobPage byNumber = gateway.listJobs(
                JobQuery.open().withState(JobQuery.StateFilter.ALL).withNumber(JobNumber.of(target.number())),
                Optional.empty(),
                Priority.BACKGROUND);
        assertThat(byNumber.jobs()).extracting(j -> j.id().value()).contains(target.id());
        assertThat(byNumber.jobs())
                .allSatisfy(j -> assertThat(j.number().value()).isEqualTo(target.number()));

        Instant before = Instant.now().minusSeconds(1);
        sandbox.touch(3);
        JobPage recent = gateway.listJobs(
                JobQuery.updatedBetween(before, Instant.now().plusSeconds(60)), Optional.empty(), Priority.BACKGROUND);
        assertThat(recent.jobs()).hasSizeGreaterThanOrEqualTo(3);
        Set<String> touched = new HashSet<>(sandbox.dump().stream()
                .filter(j -> !j.updatedAt().isBefore(before))
                .map(SandboxJob::id)
                .toList());
        assertThat(recent.jobs()).extracting(j -> j.id().value()).containsExactlyInAnyOrderElementsOf(touched);
    }

    @Test
    void createsUpdatesAndCancelsAJob() {
        CreatedJob created = gateway.createJob(draft("Install heat pump"));

        SandboxJob stored = sandbox.job(created.id().value()).orElseThrow();
        assertThat(stored.title()).isEqualTo("Install heat pump");
        assertThat(stored.purchaseOrderNumber()).isEqualTo("PO-7");
        assertThat(stored.state()).isEqualTo("pending");
        assertThat(created.number()).contains(JobNumber.of(stored.number()));

        gateway.updateJob(created.id(), titlePatch("Install two heat pumps"));
        assertThat(sandbox.job(created.id().value()).orElseThrow().title()).isEqualTo("Install two heat pumps");

        gateway.cancelJob(new CancelRequest(created.id(), Optional.of("customer moved")));
        SandboxJob cancelled = sandbox.job(created.id().value()).orElseThrow();
        assertThat(cancelled.state()).isEqualTo("cancelled");
        assertThat(cancelled.cancelReason()).isEqualTo("customer moved");
        assertThat(budget.grants(Priority.INTERACTIVE)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void createsAndUpdatesASite() {
        CustomerId customer = gateway.lookup(LookupKind.CUSTOMERS, Priority.INTERACTIVE)
                .get(0)
                .id();

        SiteId site = gateway.createSite(new SiteDraft(customer, business("Kit Test Pty Ltd")));
        gateway.updateSite(site, new SitePatch(business("Kit Test Renamed")));

        assertThat(gateway.lookup(LookupKind.SITES, Priority.INTERACTIVE))
                .extracting(NamedItem::id)
                .contains(site);
    }

    // ---- every error the sandbox produces ------------------------------------------------------------

    @Test
    void authenticationAndScopeErrors() {
        VertxGateway unknownKey = gateway("fi_pk_live_notAKeyTheSandboxKnows000", b -> {});
        VertxGateway readOnly = gateway(SandboxKeys.READ_ONLY, b -> {});
        VertxGateway noCustomers = gateway(SandboxKeys.NO_CUSTOMERS, b -> {});

        assertThat(problemOf(() -> unknownKey.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND)))
                .isEqualTo(ProblemCode.UNAUTHORIZED);
        assertThat(readOnly.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND)).isNotEmpty();
        assertThat(problemOf(() -> readOnly.updateJob(JobId.of(pendingJob().id()), titlePatch("x"))))
                .isEqualTo(ProblemCode.UNAUTHORIZED);
        assertThat(problemOf(() -> noCustomers.lookup(LookupKind.JOB_TYPES, Priority.BACKGROUND)))
                .isEqualTo(ProblemCode.NO_SCOPE);
    }

    @Test
    void notFoundAndLockedJobs() {
        SandboxJob scheduled = scheduledJob();
        assertThat(problemOf(() -> gateway.updateJob(JobId.of("999999999"), titlePatch("x"))))
                .isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(problemOf(() -> gateway.updateSite(SiteId.of("999999999"), new SitePatch(business("x")))))
                .isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(problemOf(() -> gateway.updateJob(JobId.of(scheduled.id()), titlePatch("x"))))
                .isEqualTo(ProblemCode.EDITING_LOCKED);
        assertThat(problemOf(() -> gateway.cancelJob(new CancelRequest(JobId.of(scheduled.id()), Optional.empty()))))
                .isEqualTo(ProblemCode.CANCELLATION_LOCKED);
    }

    @Test
    void badRequests() {
        JobDraft good = draft("Bad request base");
        JobDraft unknownSite = new JobDraft(
                SiteId.of("999999999"),
                good.jobType(),
                "x",
                good.startTime(),
                good.endTime(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());
        JobDraft unknownField = new JobDraft(
                good.site(),
                good.jobType(),
                "x",
                good.startTime(),
                good.endTime(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of("no_such_field", "v"));
        JobDraft foreignProject = new JobDraft(
                good.site(),
                good.jobType(),
                "x",
                good.startTime(),
                good.endTime(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(ProjectId.of("999999999")),
                Map.of());

        assertThat(problemOf(() -> gateway.createJob(unknownSite))).isEqualTo(ProblemCode.INVALID_BODY);
        assertThat(problemOf(() -> gateway.createJob(unknownField))).isEqualTo(ProblemCode.UNKNOWN_CUSTOM_FIELD);
        assertThat(problemOf(() -> gateway.createJob(foreignProject))).isEqualTo(ProblemCode.PROJECT_NOT_IN_SCOPE);
        assertThat(problemOf(() -> gateway.createSite(new SiteDraft(CustomerId.of("999999999"), business("x")))))
                .isEqualTo(ProblemCode.CUSTOMER_NOT_IN_SCOPE);
        assertThat(problemOf(() -> gateway.listJobs(JobQuery.open(), Optional.of("not-a-cursor"), Priority.BACKGROUND)))
                .isEqualTo(ProblemCode.INVALID_QUERY);
        assertThat(budget.grants(Priority.INTERACTIVE)).isGreaterThanOrEqualTo(4);
    }

    @Test
    void writesDisabledAndCancelNotConfiguredAreFinal() {
        SandboxJob pending = pendingJob();
        sandbox.faults().cancelNotConfigured(true);
        assertThat(problemOf(() -> gateway.cancelJob(new CancelRequest(JobId.of(pending.id()), Optional.empty()))))
                .isEqualTo(ProblemCode.CANCEL_NOT_CONFIGURED);
        sandbox.faults().writesDisabled(true);
        assertThat(problemOf(() -> gateway.updateJob(JobId.of(pending.id()), titlePatch("x"))))
                .isEqualTo(ProblemCode.WRITES_DISABLED);
        assertThat(time.sleeps()).isEmpty();
        assertThat(sandbox.stats().totalRequests()).isEqualTo(2);
    }

    @Test
    void rateLimitingIsRetriedAndReportedToTheBudget() throws Exception {
        sandbox.settings().rateLimited(true).timeScale(200);
        VertxGateway fast = gateway(
                SandboxKeys.FULL,
                b -> b.sleeper(Sleeper.system())
                        .clock(java.time.Clock.systemUTC())
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                        .maxAttempts(50));
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            // Bursts of 90 calls against a bucket of 40; on a slow machine the scaled refill may keep up with
            // one burst, so send bursts until the gateway has rate-limited at least once (bounded).
            for (int burst = 0; burst < 10 && sandbox.stats().rateLimited() == 0; burst++) {
                List<Future<List<NamedItem<CustomerId>>>> calls = new ArrayList<>();
                for (int i = 0; i < 90; i++) {
                    calls.add(callers.submit(() -> fast.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND)));
                }
                for (Future<List<NamedItem<CustomerId>>> call : calls) {
                    assertThat(call.get()).isNotEmpty();
                }
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(sandbox.stats().rateLimited())
                .as("429s answered by the sandbox")
                .isPositive();
        assertThat(budget.rateLimitedReports()).isEqualTo(sandbox.stats().rateLimited());
    }

    @Test
    void a401AfterTheOperatorRemovedTheOldKeySwitchesToTheNewOne() {
        String oldKey = "fi_pk_live_rotationOld0000000000";
        String newKey = "fi_pk_live_rotationNew1111111111";
        sandbox.addKey(oldKey, SandboxKeys.ALL_SCOPES, true).addKey(newKey, SandboxKeys.ALL_SCOPES, true);
        VertxGateway rotating = gateway(oldKey, b -> b.keySource(FixedKeySource.of(oldKey, newKey)));

        assertThat(rotating.lookup(LookupKind.JOB_TYPES, Priority.BACKGROUND)).isNotEmpty();
        sandbox.removeKey(oldKey);
        assertThat(rotating.lookup(LookupKind.JOB_TYPES, Priority.BACKGROUND)).isNotEmpty();
        assertThat(rotating.lookup(LookupKind.JOB_TYPES, Priority.BACKGROUND)).isNotEmpty();

        assertThat(sandbox.stats().totalRequests()).isEqualTo(4); // one rejected attempt, then the new key sticks
        assertThat(logs.all()).contains(ApiKey.of(newKey).redacted()).doesNotContain(oldKey, newKey);
    }

    // ---- injected faults -----------------------------------------------------------------------------

    @Test
    void serverFaultsAreRetriedForReads() {
        sandbox.faults()
                .internalErrorProbability(0.3)
                .schemaDriftProbability(0.15)
                .unavailableProbability(0.15)
                .seed(11);
        VertxGateway patient = gateway(SandboxKeys.FULL, b -> b.maxAttempts(30).deadline(Duration.ofMinutes(10)));

        for (int i = 0; i < 10; i++) {
            assertThat(patient.lookup(LookupKind.JOB_STATUSES, Priority.BACKGROUND))
                    .isNotEmpty();
        }
        assertThat(time.sleeps()).isNotEmpty();
    }

    @Test
    void aCreateThatRanButGot500IsOutcomeUnknownAndTheJobExists() {
        JobDraft draft = draft("Ambiguous create");
        int before = sandbox.dump().size();
        sandbox.faults().ambiguousCreateErrorProbability(1.0);

        OutcomeUnknownException error =
                catchThrowableOfType(OutcomeUnknownException.class, () -> gateway.createJob(draft));

        assertThat(sandbox.dump()).hasSize(before + 1);
        assertThat(error.gatewayRequestId()).isPresent();
        assertThat(error.clientRequestId()).isPresent();
    }

    @Test
    void aCreateWhoseConnectionDroppedIsOutcomeUnknown() {
        JobDraft draft = draft("Dropped create");
        int before = sandbox.dump().size();
        sandbox.faults().ambiguousCreateDropProbability(1.0);

        assertThat(catchThrowableOfType(OutcomeUnknownException.class, () -> gateway.createJob(draft)))
                .isNotNull();
        assertThat(sandbox.dump()).hasSize(before + 1);
    }

    @Test
    void brokenAnswersFromTheSandbox() {
        sandbox.faults().htmlErrorProbability(1.0);
        GatewayUnavailableException html = catchThrowableOfType(
                GatewayUnavailableException.class, () -> gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND));
        assertThat(html.getCause()).isInstanceOfSatisfying(GatewayResponseException.class, e -> {
            assertThat(e.kind()).isEqualTo(GatewayResponseException.Kind.NOT_A_PROBLEM_DOCUMENT);
            assertThat(e.status()).isEqualTo(502);
        });

        sandbox.faults().reset().malformedJsonProbability(1.0);
        assertThat(catchThrowableOfType(
                                GatewayResponseException.class,
                                () -> gateway.lookup(LookupKind.SITES, Priority.BACKGROUND))
                        .kind())
                .isEqualTo(GatewayResponseException.Kind.MALFORMED);

        sandbox.faults().reset().truncatedJsonProbability(1.0);
        assertThat(catchThrowableOfType(
                                GatewayResponseException.class,
                                () -> gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND))
                        .kind())
                .isEqualTo(GatewayResponseException.Kind.MALFORMED);

        sandbox.faults().reset().connectionResetProbability(1.0);
        assertThat(catchThrowableOfType(
                        GatewayUnavailableException.class,
                        () -> gateway.lookup(LookupKind.PROJECTS, Priority.BACKGROUND)))
                .hasMessageContaining("gave up after 4 attempt(s)");
    }

    @Test
    void aHungRequestTimesOutPerAttempt() {
        sandbox.faults().hangProbability(1.0).hangMillis(3_000);
        VertxGateway impatient = gateway(
                SandboxKeys.FULL, b -> b.attemptTimeout(Duration.ofMillis(300)).maxAttempts(2));

        GatewayUnavailableException error = catchThrowableOfType(
                GatewayUnavailableException.class, () -> impatient.lookup(LookupKind.JOB_TYPES, Priority.BACKGROUND));

        assertThat(error.getCause()).hasMessageContaining("attempt timeout");
        OutcomeUnknownException create = catchThrowableOfType(
                OutcomeUnknownException.class,
                () -> impatient.cancelJob(
                        new CancelRequest(JobId.of(pendingJob().id()), Optional.empty())));
        assertThat(create).isNotNull();
    }
}
