package dev.fieldsync.adapters.memory;

import static dev.fieldsync.adapters.memory.Fixtures.START;
import static dev.fieldsync.adapters.memory.Fixtures.T0;
import static dev.fieldsync.ports.out.budget.Priority.BACKGROUND;
import static dev.fieldsync.ports.out.budget.Priority.INTERACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.adapters.memory.ScriptedGateway.AuthMode;
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
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.site.SiteDetails;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScriptedGatewayTest {
    private static final SiteId SITE = SiteId.of("3065756");
    private static final JobTypeId SERVICE = JobTypeId.of("501");
    private static final JobTypeId REPAIR = JobTypeId.of("502");

    private final ManualClock clock = new ManualClock(T0);
    private final UnlimitedRateBudget budget = new UnlimitedRateBudget();
    private final ScriptedGateway gateway = ScriptedGateway.withDefaultData(clock, budget, 250, 42);

    private static ProblemCode problemOf(ThrowingCallable call) {
        try {
            call.call();
        } catch (GatewayProblemException problem) {
            return problem.problem().code();
        } catch (Throwable other) {
            throw new AssertionError("expected a GatewayProblemException, got " + other, other);
        }
        throw new AssertionError("expected a GatewayProblemException, the call succeeded");
    }

    private List<Job> walk(JobQuery query) {
        List<Job> all = new ArrayList<>();
        gateway.pages(query, Optional.empty(), BACKGROUND).forEachRemaining(page -> all.addAll(page.jobs()));
        return all;
    }

    @Nested
    class DefaultData {
        @Test
        void hasTheDocumentedShape() {
            assertThat(gateway.lookup(LookupKind.CUSTOMERS, BACKGROUND)).hasSize(3);
            assertThat(gateway.lookup(LookupKind.SITES, BACKGROUND)).hasSize(10);
            assertThat(gateway.lookup(LookupKind.PROJECTS, BACKGROUND)).hasSize(2);
            assertThat(gateway.lookup(LookupKind.JOB_TYPES, BACKGROUND)).hasSize(3);
            assertThat(gateway.lookup(LookupKind.JOB_STATUSES, BACKGROUND))
                    .extracting(NamedItem::name)
                    .contains("Tentative");
            assertThat(gateway.status(JobState.PENDING).name()).isEqualTo("Tentative");
            for (JobState state : List.of(
                    JobState.PENDING,
                    JobState.SCHEDULED,
                    JobState.IN_PROGRESS,
                    JobState.COMPLETED,
                    JobState.CANCELLED)) {
                assertThat(gateway.status(state).state()).isEqualTo(state);
            }
            List<CustomFieldDef> fields = gateway.lookup(LookupKind.CUSTOM_FIELDS, BACKGROUND);
            assertThat(fields).anySatisfy(field -> assertThat(field.jobType()).contains(REPAIR));
            assertThat(fields).anySatisfy(field -> assertThat(field.jobType()).isEmpty());
            assertThat(gateway.jobs()).hasSize(250);
            assertThat(gateway.jobs())
                    .extracting(Job::state)
                    .contains(JobState.PENDING, JobState.COMPLETED, JobState.CANCELLED);
            assertThat(gateway.jobs())
                    .allSatisfy(job ->
                            assertThat(gateway.updatedAt(job.id())).isBetween(T0.minus(Duration.ofDays(30)), T0));
        }

        @Test
        void theSameSeedGivesTheSameData() {
            ScriptedGateway twin =
                    ScriptedGateway.withDefaultData(new ManualClock(T0), new UnlimitedRateBudget(), 250, 42);
            ScriptedGateway other =
                    ScriptedGateway.withDefaultData(new ManualClock(T0), new UnlimitedRateBudget(), 250, 43);
            assertThat(twin.jobs()).isEqualTo(gateway.jobs());
            assertThat(other.jobs()).isNotEqualTo(gateway.jobs());
        }

        @Test
        void lookupsAreCappedAtOneHundredItems() {
            ScriptedGateway big = new ScriptedGateway(clock, budget);
            List<NamedItem<CustomerId>> customers = IntStream.rangeClosed(1, 150)
                    .mapToObj(i -> new NamedItem<>(CustomerId.of(Integer.toString(i)), "C" + i))
                    .toList();
            big.seedLookups(customers, List.of(), List.of(), List.of(), List.of(), List.of());
            assertThat(big.lookup(LookupKind.CUSTOMERS, BACKGROUND))
                    .hasSize(100)
                    .first()
                    .extracting(NamedItem::name)
                    .isEqualTo("C1");
        }
    }

    @Nested
    class Listing {
        @Test
        void ordersNewestUpdatedFirstAndPagesWithoutGapsOrRepeats() {
            List<Job> all = walk(JobQuery.updatedBetween(T0.minus(Duration.ofDays(31)), T0.plusSeconds(1))
                    .withPageSize(17));
            assertThat(all).hasSize(250);
            assertThat(all).extracting(Job::id).doesNotHaveDuplicates();
            List<Instant> updated =
                    all.stream().map(job -> gateway.updatedAt(job.id())).toList();
            for (int i = 1; i < updated.size(); i++) {
                assertThat(updated.get(i)).isBeforeOrEqualTo(updated.get(i - 1));
            }
        }

        @Test
        void tiesOnUpdatedAtAreOrderedByIdDescendingAcrossPages() {
            ScriptedGateway same = new ScriptedGateway(clock, budget);
            for (int i = 1; i <= 7; i++) {
                same.putJob(Fixtures.job(i, "J" + i, JobState.PENDING), T0);
            }
            JobPage first = same.listJobs(JobQuery.open().withPageSize(3), Optional.empty(), BACKGROUND);
            JobPage second = same.listJobs(JobQuery.open().withPageSize(3), first.nextCursor(), BACKGROUND);
            JobPage third = same.listJobs(JobQuery.open().withPageSize(3), second.nextCursor(), BACKGROUND);
            assertThat(first.jobs()).extracting(j -> j.id().value()).containsExactly("7", "6", "5");
            assertThat(second.jobs()).extracting(j -> j.id().value()).containsExactly("4", "3", "2");
            assertThat(third.jobs()).extracting(j -> j.id().value()).containsExactly("1");
            assertThat(third.isLast()).isTrue();
        }

        @Test
        void pagingStaysStableWhileTheOfficeChangesJobsBetweenPages() {
            JobQuery query = JobQuery.updatedBetween(T0.minus(Duration.ofDays(31)), T0.plusSeconds(1))
                    .withPageSize(20);
            Set<JobId> before =
                    new HashSet<>(gateway.jobs().stream().map(Job::id).toList());
            List<JobId> seen = new ArrayList<>();
            Iterator<JobPage> pages = gateway.pages(query, Optional.empty(), BACKGROUND);
            int page = 0;
            Set<JobId> touched = new HashSet<>();
            while (pages.hasNext()) {
                JobPage current = pages.next();
                current.jobs().forEach(job -> seen.add(job.id()));
                // Between pages, the office changes a job already sent and one not yet sent.
                List<Job> jobs = gateway.jobs();
                Job sent = jobs.stream()
                        .filter(j -> seen.contains(j.id()))
                        .findFirst()
                        .orElseThrow();
                Optional<Job> notYet =
                        jobs.stream().filter(j -> !seen.contains(j.id())).findFirst();
                clock.advance(Duration.ofSeconds(1));
                String note = "changed after page " + page;
                gateway.updateJob(sent.id(), j -> j.withNotes(note), clock.instant());
                touched.add(sent.id());
                notYet.ifPresent(j -> {
                    gateway.updateJob(j.id(), x -> x.withNotes("moved"), clock.instant());
                    touched.add(j.id());
                });
                page++;
            }
            // Nothing repeats; every job not moved out of the window during the walk was seen exactly once.
            assertThat(seen).doesNotHaveDuplicates();
            Set<JobId> untouched = new HashSet<>(before);
            untouched.removeAll(touched);
            assertThat(seen).containsAll(untouched);
            assertThat(page).isGreaterThan(5);
            // The moved jobs now lie after the pass's window: the next pass sees them.
            List<Job> nextPass = walk(
                    JobQuery.updatedBetween(T0.plusSeconds(1), clock.instant().plusSeconds(1)));
            assertThat(nextPass).extracting(Job::id).containsExactlyInAnyOrderElementsOf(touched);
        }

        @Test
        void updatedWindowIsInclusiveFromAndExclusiveTo() {
            ScriptedGateway small = new ScriptedGateway(clock, budget);
            small.putJob(Fixtures.job(1, "at from", JobState.PENDING), T0);
            small.putJob(Fixtures.job(2, "at to", JobState.PENDING), T0.plusSeconds(60));
            small.putJob(Fixtures.job(3, "inside", JobState.PENDING), T0.plusSeconds(30));
            JobPage page =
                    small.listJobs(JobQuery.updatedBetween(T0, T0.plusSeconds(60)), Optional.empty(), BACKGROUND);
            assertThat(page.jobs()).extracting(Job::title).containsExactly("inside", "at from");
        }

        @Test
        void stateStatusNumberAndStartFiltersMatchTheGateway() {
            List<Job> open = walk(JobQuery.open().withPageSize(100));
            List<Job> closed =
                    walk(JobQuery.open().withState(JobQuery.StateFilter.CLOSED).withPageSize(100));
            List<Job> all =
                    walk(JobQuery.open().withState(JobQuery.StateFilter.ALL).withPageSize(100));
            assertThat(open)
                    .isNotEmpty()
                    .allSatisfy(job -> assertThat(job.state().isOpen()).isTrue());
            assertThat(closed)
                    .isNotEmpty()
                    .allSatisfy(job -> assertThat(job.state().isOpen()).isFalse());
            assertThat(open.size() + closed.size()).isEqualTo(all.size()).isEqualTo(250);

            JobStatus scheduled = gateway.status(JobState.SCHEDULED);
            List<Job> byStatus =
                    walk(JobQuery.open().withState(JobQuery.StateFilter.ALL).withStatus(scheduled.id()));
            assertThat(byStatus)
                    .isNotEmpty()
                    .allSatisfy(job -> assertThat(job.status()).isEqualTo(scheduled));
            assertThat(byStatus).hasSize((int) gateway.jobs().stream()
                    .filter(j -> j.status().equals(scheduled))
                    .count());

            Job someJob = gateway.jobs().get(17);
            assertThat(walk(JobQuery.open().withState(JobQuery.StateFilter.ALL).withNumber(someJob.number())))
                    .extracting(Job::id)
                    .containsExactly(someJob.id());
            assertThat(walk(JobQuery.open().withNumber(JobNumber.of("no-such"))))
                    .isEmpty();

            var from = T0.atOffset(java.time.ZoneOffset.ofHours(10));
            var to = from.plusDays(7);
            List<Job> nextWeek =
                    walk(JobQuery.open().withState(JobQuery.StateFilter.ALL).withStartBetween(from, to));
            long expected = gateway.jobs().stream()
                    .map(Job::startTime)
                    .filter(s ->
                            s.isPresent() && !s.get().isBefore(from) && s.get().isBefore(to))
                    .count();
            assertThat(nextWeek).hasSize((int) expected).isNotEmpty();
        }

        @Test
        void listedJobsCarryOnlyDocumentedMembersUnlessTold() {
            Job listed =
                    walk(JobQuery.open().withState(JobQuery.StateFilter.ALL)).get(0);
            assertThat(listed.externalId()).isEmpty();
            assertThat(listed.jobType()).isEmpty();
            assertThat(gateway.job(listed.id()).orElseThrow().externalId()).isPresent();
            gateway.exposeExternalIds(true);
            Job exposed =
                    walk(JobQuery.open().withState(JobQuery.StateFilter.ALL)).get(0);
            assertThat(exposed.externalId()).isPresent();
            assertThat(exposed.jobType()).isPresent();
        }

        @Test
        void aRejectedCursorFailsOnceWithInvalidQuery() {
            JobQuery query = JobQuery.open().withPageSize(10);
            JobPage first = gateway.listJobs(query, Optional.empty(), BACKGROUND);
            gateway.rejectCursorsOnce();
            // A first page carries no cursor, so it is not affected.
            assertThat(gateway.listJobs(query, Optional.empty(), BACKGROUND).jobs())
                    .isEqualTo(first.jobs());
            assertThat(problemOf(() -> gateway.listJobs(query, first.nextCursor(), BACKGROUND)))
                    .isEqualTo(ProblemCode.INVALID_QUERY);
            assertThat(gateway.listJobs(query, first.nextCursor(), BACKGROUND).jobs())
                    .hasSize(10);
        }

        @Test
        void aGarbledCursorIsAnInvalidQuery() {
            assertThat(problemOf(() -> gateway.listJobs(JobQuery.open(), Optional.of("gt/2634823"), BACKGROUND)))
                    .isEqualTo(ProblemCode.INVALID_QUERY);
        }
    }

    @Nested
    class Writes {
        @Test
        void createMakesAPendingJobThatTheListShows() {
            clock.advance(Duration.ofMinutes(5));
            CreatedJob created = gateway.createJob(
                    Fixtures.draft(SITE, SERVICE, "Fix the door", "ext-1", Map.of("scope_of_work", "Replace hinge")));
            Job job = gateway.job(created.id()).orElseThrow();
            assertThat(created.number()).contains(job.number());
            assertThat(job.state()).isEqualTo(JobState.PENDING);
            assertThat(job.status().name()).isEqualTo("Tentative");
            assertThat(job.externalId()).contains("ext-1");
            assertThat(job.site().id()).isEqualTo(SITE);
            assertThat(job.customer().name()).isNotEmpty();
            assertThat(job.startTime()).contains(START);
            assertThat(gateway.updatedAt(created.id())).isEqualTo(clock.instant());
            JobPage newest = gateway.listJobs(JobQuery.open().withPageSize(1), Optional.empty(), BACKGROUND);
            assertThat(newest.jobs()).extracting(Job::id).containsExactly(created.id());
            assertThat(gateway.jobs().stream().map(j -> j.id()).distinct().count())
                    .isEqualTo(251);
        }

        @Test
        void createRefusesWhatTheGatewayRefuses() {
            assertThat(problemOf(() -> gateway.createJob(Fixtures.draft(SiteId.of("1"), SERVICE, "t", "e", Map.of()))))
                    .isEqualTo(ProblemCode.INVALID_BODY);
            assertThat(problemOf(() -> gateway.createJob(Fixtures.draft(SITE, JobTypeId.of("1"), "t", "e", Map.of()))))
                    .isEqualTo(ProblemCode.INVALID_BODY);
            assertThat(problemOf(() -> gateway.createJob(Fixtures.draft(SITE, SERVICE, "t", "e", Map.of("nope", "x")))))
                    .isEqualTo(ProblemCode.UNKNOWN_CUSTOM_FIELD);
            // A field restricted to Repair is not mapped for a Service job, but is for a Repair job.
            assertThat(problemOf(() -> gateway.createJob(
                            Fixtures.draft(SITE, SERVICE, "t", "e", Map.of("warranty_claim_number", "W1")))))
                    .isEqualTo(ProblemCode.UNKNOWN_CUSTOM_FIELD);
            assertThat(gateway.createJob(Fixtures.draft(SITE, REPAIR, "t", "e", Map.of("warranty_claim_number", "W1")))
                            .id())
                    .isNotNull();
            JobDraft badProject = new JobDraft(
                    SITE,
                    SERVICE,
                    "t",
                    START,
                    START.plusHours(1),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(ProjectId.of("1")),
                    Map.of());
            assertThat(problemOf(() -> gateway.createJob(badProject))).isEqualTo(ProblemCode.PROJECT_NOT_IN_SCOPE);
            assertThat(gateway.jobs()).hasSize(251);
        }

        @Test
        void updatePatchesOnlyPendingJobs() {
            JobId pending = gateway.createJob(
                            Fixtures.draft(SITE, SERVICE, "Old title", "e", Map.of("scope_of_work", "a")))
                    .id();
            clock.advance(Duration.ofMinutes(1));
            gateway.updateJob(
                    pending,
                    new JobPatch(
                            Optional.of("New title"),
                            Optional.of("note"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Map.of("access_instructions", "gate code 1234")));
            Job patched = gateway.job(pending).orElseThrow();
            assertThat(patched.title()).isEqualTo("New title");
            assertThat(patched.notes()).isEqualTo("note");
            assertThat(patched.customFields())
                    .containsEntry("scope_of_work", "a")
                    .containsEntry("access_instructions", "gate code 1234");
            assertThat(gateway.updatedAt(pending)).isEqualTo(clock.instant());

            JobPatch rename = new JobPatch(
                    Optional.of("x"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of());
            gateway.moveJobTo(pending, JobState.SCHEDULED);
            assertThat(problemOf(() -> gateway.updateJob(pending, rename))).isEqualTo(ProblemCode.EDITING_LOCKED);
            assertThat(problemOf(() -> gateway.updateJob(JobId.of("1"), rename)))
                    .isEqualTo(ProblemCode.NOT_FOUND);
        }

        @Test
        void cancelMovesAPendingJobToCancelledOnce() {
            JobId id = gateway.createJob(Fixtures.draft(SITE, SERVICE, "t", "e", Map.of()))
                    .id();
            gateway.cancelJob(new CancelRequest(id, Optional.of("customer called")));
            assertThat(gateway.job(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
            assertThat(gateway.cancelReason(id)).contains("customer called");
            assertThat(walk(JobQuery.open().withState(JobQuery.StateFilter.CLOSED)))
                    .extracting(Job::id)
                    .contains(id);
            assertThat(problemOf(() -> gateway.cancelJob(new CancelRequest(id, Optional.empty()))))
                    .isEqualTo(ProblemCode.CANCELLATION_LOCKED);
            assertThat(problemOf(() -> gateway.cancelJob(new CancelRequest(JobId.of("1"), Optional.empty()))))
                    .isEqualTo(ProblemCode.NOT_FOUND);
        }

        @Test
        void createdSitesJoinTheLookupAndCanBeUsedAtOnce() {
            SiteDetails details =
                    SiteDetails.NONE.withBusinessName("Depot North").withAddress("1 Depot Rd");
            SiteId site = gateway.createSite(new SiteDraft(CustomerId.of("245716"), details));
            assertThat(gateway.lookup(LookupKind.SITES, BACKGROUND)).contains(new NamedItem<>(site, "Depot North"));
            JobId job = gateway.createJob(Fixtures.draft(site, SERVICE, "t", "e", Map.of()))
                    .id();
            assertThat(gateway.job(job).orElseThrow().customer().id()).isEqualTo(CustomerId.of("245716"));
            assertThat(gateway.job(job).orElseThrow().site().address()).isEqualTo("1 Depot Rd");

            assertThat(problemOf(() -> gateway.createSite(new SiteDraft(CustomerId.of("1"), details))))
                    .isEqualTo(ProblemCode.CUSTOMER_NOT_IN_SCOPE);

            SiteDetails rename =
                    SiteDetails.NONE.withBusinessName("Depot South").withEmail("ops@example.com");
            gateway.updateSite(site, new SitePatch(rename));
            ScriptedSite record = gateway.siteRecords().stream()
                    .filter(s -> s.id().equals(site))
                    .findFirst()
                    .orElseThrow();
            assertThat(record.name()).isEqualTo("Depot South");
            assertThat(record.details().address()).contains("1 Depot Rd");
            assertThat(record.details().email()).contains("ops@example.com");
            assertThat(problemOf(() -> gateway.updateSite(SiteId.of("1"), new SitePatch(rename))))
                    .isEqualTo(ProblemCode.NOT_FOUND);
        }
    }

    @Nested
    class Scripting {
        @Test
        void failNextFailsExactlyThatManyCallsOfThatOperation() {
            gateway.failNextWithProblem(GatewayOperation.lookup(LookupKind.SITES), 2, ProblemCode.INTERNAL);
            GatewayProblemException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                    GatewayProblemException.class, () -> gateway.lookup(LookupKind.SITES, BACKGROUND));
            assertThat(failure.problem().status()).isEqualTo(500);
            assertThat(failure.operation()).isEqualTo("GET /v1/sites");
            assertThat(failure.gatewayRequestId()).get().asString().matches("req_[0-9A-Z]{26}");
            assertThat(failure.clientRequestId()).isPresent();
            assertThat(gateway.lookup(LookupKind.CUSTOMERS, BACKGROUND)).isNotEmpty();
            assertThat(problemOf(() -> gateway.lookup(LookupKind.SITES, BACKGROUND)))
                    .isEqualTo(ProblemCode.INTERNAL);
            assertThat(gateway.lookup(LookupKind.SITES, BACKGROUND)).hasSize(10);
        }

        @Test
        void failNextThrowsWhateverTheSupplierGives() {
            gateway.failNext(
                    GatewayOperation.LIST_JOBS,
                    1,
                    () -> new GatewayUnavailableException(
                            "GET /v1/jobs", "connection refused", Optional.empty(), Optional.empty(), null));
            assertThatThrownBy(() -> gateway.listJobs(JobQuery.open(), Optional.empty(), BACKGROUND))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("connection refused");
            assertThat(gateway.listJobs(JobQuery.open(), Optional.empty(), BACKGROUND)
                            .jobs())
                    .isNotEmpty();
        }

        @Test
        void createsButReportsUnknownCreatesTheJobAnyway() {
            gateway.exposeExternalIds(true);
            gateway.createsButReportsUnknown(1);
            assertThatThrownBy(() -> gateway.createJob(Fixtures.draft(SITE, SERVICE, "Ghost", "ext-ghost", Map.of())))
                    .isInstanceOf(OutcomeUnknownException.class);
            assertThat(gateway.jobs())
                    .filteredOn(job -> job.externalId().equals(Optional.of("ext-ghost")))
                    .hasSize(1);
            assertThat(walk(JobQuery.open().withPageSize(5)).get(0).title()).isEqualTo("Ghost");
            gateway.createJob(Fixtures.draft(SITE, SERVICE, "Second", "ext-2", Map.of()));
            assertThat(gateway.jobs()).hasSize(252);
        }

        @Test
        void failsCreateWithUnknownCreatesNothing() {
            gateway.failsCreateWithUnknown(2);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> gateway.createJob(Fixtures.draft(SITE, SERVICE, "Lost", "ext-lost", Map.of())))
                        .isInstanceOf(OutcomeUnknownException.class)
                        .satisfies(e -> assertThat(((OutcomeUnknownException) e).operation())
                                .isEqualTo("POST /v1/jobs"));
            }
            assertThat(gateway.jobs()).hasSize(250);
            gateway.createJob(Fixtures.draft(SITE, SERVICE, "Found", "ext-found", Map.of()));
            assertThat(gateway.jobs()).hasSize(251);
        }

        @Test
        void authModesFailEveryCall() {
            gateway.authMode(AuthMode.UNAUTHORIZED);
            assertThat(problemOf(() -> gateway.lookup(LookupKind.CUSTOMERS, BACKGROUND)))
                    .isEqualTo(ProblemCode.UNAUTHORIZED);
            assertThat(problemOf(() -> gateway.createJob(Fixtures.draft(SITE, SERVICE, "t", "e", Map.of()))))
                    .isEqualTo(ProblemCode.UNAUTHORIZED);
            gateway.authMode(AuthMode.NO_SCOPE);
            GatewayProblemException noScope = org.assertj.core.api.Assertions.catchThrowableOfType(
                    GatewayProblemException.class,
                    () -> gateway.listJobs(JobQuery.open(), Optional.empty(), BACKGROUND));
            assertThat(noScope.problem().code()).isEqualTo(ProblemCode.NO_SCOPE);
            assertThat(noScope.problem().status()).isEqualTo(403);
            gateway.authMode(AuthMode.OK);
            assertThat(gateway.lookup(LookupKind.CUSTOMERS, BACKGROUND)).hasSize(3);
            assertThat(gateway.jobs()).hasSize(250);
        }

        @Test
        void countsCallsPerOperationIncludingFailures() {
            gateway.failNextWithProblem(GatewayOperation.CANCEL_JOB, 1, ProblemCode.RATE_LIMITED);
            gateway.lookup(LookupKind.CUSTOMERS, BACKGROUND);
            gateway.lookup(LookupKind.CUSTOMERS, BACKGROUND);
            gateway.listJobs(JobQuery.open(), Optional.empty(), BACKGROUND);
            assertThat(problemOf(() -> gateway.cancelJob(new CancelRequest(JobId.of("1"), Optional.empty()))))
                    .isEqualTo(ProblemCode.RATE_LIMITED);
            assertThat(gateway.calls(GatewayOperation.lookup(LookupKind.CUSTOMERS)))
                    .isEqualTo(2);
            assertThat(gateway.calls(GatewayOperation.LIST_JOBS)).isEqualTo(1);
            assertThat(gateway.calls(GatewayOperation.CANCEL_JOB)).isEqualTo(1);
            assertThat(gateway.calls(GatewayOperation.lookup(LookupKind.SITES))).isZero();
            assertThat(gateway.totalCalls()).isEqualTo(4);
        }

        @Test
        void everyCallSpendsOneTokenAtItsPriorityWritesInteractive() {
            gateway.lookup(LookupKind.CUSTOMERS, BACKGROUND);
            gateway.listJobs(JobQuery.open(), Optional.empty(), INTERACTIVE);
            gateway.createJob(Fixtures.draft(SITE, SERVICE, "t", "e", Map.of()));
            gateway.failNextWithProblem(GatewayOperation.lookup(LookupKind.SITES), 1, ProblemCode.INTERNAL);
            assertThat(problemOf(() -> gateway.lookup(LookupKind.SITES, BACKGROUND)))
                    .isEqualTo(ProblemCode.INTERNAL);
            assertThat(budget.grants(BACKGROUND)).isEqualTo(2);
            assertThat(budget.grants(INTERACTIVE)).isEqualTo(2);
        }

        @Test
        void onAVirtualBudgetASyncOf250JobsTakesVirtualTimeNotWallTime() {
            ManualClock virtual = new ManualClock(T0);
            VirtualTimeRateBudget slow = new VirtualTimeRateBudget(virtual, 40, 5, 1);
            ScriptedGateway limited = ScriptedGateway.withDefaultData(virtual, slow, 250, 7);
            JobQuery query =
                    JobQuery.updatedBetween(T0.minus(Duration.ofDays(31)), T0).withPageSize(10);
            int pages = 0;
            for (Iterator<JobPage> it = limited.pages(query, Optional.empty(), BACKGROUND); it.hasNext(); it.next()) {
                pages++;
            }
            assertThat(pages).isEqualTo(25);
            // Four free tokens (one kept in reserve), then 21 more at 1.5 s each (the 5th needs the reserve refilled).
            assertThat(Duration.between(T0, virtual.instant())).isEqualTo(Duration.ofMillis(1500L * 21));
            assertThat(slow.maxGrantsInAnyWindow(Duration.ofSeconds(60))).isLessThanOrEqualTo(5 + 40);
        }

        @Test
        void concurrentCreatesGetDistinctIdsAndNumbers() throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<CreatedJob>> results = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    results.add(pool.submit(
                            () -> gateway.createJob(Fixtures.draft(SITE, SERVICE, "c" + n, "x" + n, Map.of()))));
                }
                Set<JobId> ids = new HashSet<>();
                Set<JobNumber> numbers = new HashSet<>();
                for (var result : results) {
                    CreatedJob created = result.get();
                    ids.add(created.id());
                    numbers.add(created.number().orElseThrow());
                }
                assertThat(ids).hasSize(200);
                assertThat(numbers).hasSize(200);
            } finally {
                pool.shutdownNow();
            }
            assertThat(gateway.jobs()).hasSize(450);
            assertThat(gateway.calls(GatewayOperation.CREATE_JOB)).isEqualTo(200);
            assertThat(budget.grants(INTERACTIVE)).isEqualTo(200);
        }

        @Test
        void refusesNonsenseScripts() {
            assertThatThrownBy(() -> gateway.failNext(GatewayOperation.lookup(LookupKind.SITES), 0, () -> null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1");
            assertThatThrownBy(() -> gateway.failNextWithProblem(
                            GatewayOperation.lookup(LookupKind.SITES), 1, ProblemCode.UNKNOWN))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> gateway.updateJob(JobId.of("1"), j -> j, T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("putJob");
        }
    }
}
