package com.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.memory.InMemoryJobs;
import dev.fieldsync.adapters.memory.InMemoryLookupCatalogs;
import dev.fieldsync.adapters.memory.InMemorySubmissions;
import dev.fieldsync.adapters.memory.InMemorySyncCheckpoints;
import dev.fieldsync.adapters.memory.InMemoryWebhookEvents;
import dev.fieldsync.adapters.memory.ManualClock;
import dev.fieldsync.adapters.memory.ScriptedGateway;
import dev.fieldsync.adapters.memory.VirtualTimeRateBudget;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.KeySource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The product tests its own code that calls SubmitJob, with fieldsync's real core over the in-memory adapters
 * and the scripted gateway: no network, no database, virtual time.
 */
class OrderIntakeTest {
    // README:product-test begin
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 2); // never sleeps
    private final ScriptedGateway gateway = ScriptedGateway.withDefaultData(clock, budget, 50, 42);
    private final InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
    private final FieldsyncCore core = FieldsyncCore.builder()
            .integration(IntegrationId.of("acme"))
            .gateway(gateway)
            .budget(budget)
            .keySource(new OneKey("fi_pk_live_0123456789abcdef"))
            .jobs(new InMemoryJobs(checkpoints))
            .checkpoints(checkpoints)
            .catalogs(new InMemoryLookupCatalogs())
            .submissions(new InMemorySubmissions())
            .webhookEvents(new InMemoryWebhookEvents())
            .clock(clock)
            .build();
    private final OrderIntake intake = new OrderIntake(core.submitJob()); // the code under test

    @Test
    void anApprovedOrderBecomesOneJobAtItsSite() {
        WorkOrder order = new WorkOrder(
                "4711",
                "88 Queen St, Brisbane QLD 4000",
                true,
                "Replace pump seal",
                OffsetDateTime.parse("2026-03-09T09:00:00+10:00"),
                OffsetDateTime.parse("2026-03-09T11:00:00+10:00"));

        OrderIntake.Intake first = intake.approve(order);
        OrderIntake.Intake again = intake.approve(order); // the same external id: the same submission
        core.dispatchSubmissions().dispatchDue(10);

        assertThat(again.queued()).isEqualTo(first.queued()).isPresent();
        assertThat(gateway.calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
        Job created = gateway.jobs().stream()
                .filter(job -> job.title().equals("Replace pump seal"))
                .findFirst()
                .orElseThrow();
        assertThat(created.site().id().value()).isEqualTo("3065759");
        assertThat(created.jobType().orElseThrow().value()).isEqualTo("502"); // Repair
        assertThat(created.externalId()).contains("wo-4711");
        assertThat(core.submitJob()
                        .submission(first.queued().orElseThrow())
                        .orElseThrow()
                        .state())
                .isEqualTo(SubmissionState.CREATED);
    }
    // README:product-test end

    @Test
    void anOrderForAnUnknownSiteIsRefusedWithASuggestionAndNothingIsSent() {
        WorkOrder order = new WorkOrder(
                "4712",
                "88 Quen St, Brisbane QLD 4000",
                false,
                "Annual service",
                OffsetDateTime.parse("2026-03-10T09:00:00+10:00"),
                OffsetDateTime.parse("2026-03-10T10:00:00+10:00"));

        OrderIntake.Intake refused = intake.approve(order);
        core.dispatchSubmissions().dispatchDue(10);

        assertThat(refused.queued()).isEmpty();
        assertThat(refused.problems())
                .singleElement()
                .asString()
                .startsWith("site: ")
                .contains("did you mean '88 Queen St, Brisbane QLD 4000' (3065759)");
        assertThat(gateway.calls(GatewayOperation.CREATE_JOB)).isZero();
    }

    /** The key port: adapters-memory needs none (the scripted gateway accepts any well-formed key). */
    private record OneKey(String value) implements KeySource {
        @Override
        public List<ApiKey> keys() {
            return List.of(ApiKey.of(value));
        }

        @Override
        public String describe() {
            return "a fixed test key";
        }
    }
}
