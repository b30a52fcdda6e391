package dev.fieldsync.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent.Acceptance;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private final Scenario s = new Scenario(100);

    private WebhookEvent event(String id, String type, JobId job, String status) {
        return new WebhookEvent(
                Scenario.INTEGRATION,
                id,
                type,
                s.clock().instant(),
                Optional.of(job),
                Optional.ofNullable(status),
                Optional.of("pending"),
                s.clock().instant(),
                "{}");
    }

    private Job pendingJob() {
        return s.gateway().jobs().stream()
                .filter(job -> job.state() == JobState.PENDING)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRedeliveredEventIsADuplicateAndProcessedOnce() {
        s.sync();
        Job job = pendingJob();
        WebhookEvent event = event("evt_1", WebhookEvent.JOB_STATUS_CHANGED, job.id(), "scheduled");

        assertThat(s.core().webhooks().accept(event)).isEqualTo(Acceptance.ACCEPTED);
        assertThat(s.core().webhooks().accept(event)).isEqualTo(Acceptance.DUPLICATE);

        assertThat(s.core().webhooks().processPending(10)).isEqualTo(1);
        assertThat(s.core().webhooks().processPending(10)).isZero();
        assertThat(s.webhookEvents()
                        .find(Scenario.INTEGRATION, "evt_1")
                        .orElseThrow()
                        .processedAt())
                .isPresent();
    }

    @Test
    void aStatusChangeIsProvisionalUntilTheCatchUpPassConfirmsIt() {
        s.sync();
        Job job = pendingJob();
        s.advance(Duration.ofSeconds(20));
        s.gateway().moveJobTo(job.id(), JobState.SCHEDULED);
        s.core().webhooks().accept(event("evt_2", WebhookEvent.JOB_STATUS_CHANGED, job.id(), "scheduled"));

        s.core().webhooks().processPending(10);

        MirroredJob provisional = s.jobs().find(Scenario.INTEGRATION, job.id()).orElseThrow();
        assertThat(provisional.isProvisional()).isTrue();
        assertThat(provisional.effectiveState()).isEqualTo(JobState.SCHEDULED);
        assertThat(provisional.job().state()).isEqualTo(JobState.PENDING);
        assertThat(s.core().syncJobs().status().catchUpRequested()).isTrue();

        s.advance(Duration.ofSeconds(5));
        assertThat(s.core().syncJobs().runCatchUpIfRequested(SyncProgressListener.NONE))
                .isPresent();

        MirroredJob confirmed = s.jobs().find(Scenario.INTEGRATION, job.id()).orElseThrow();
        assertThat(confirmed.isProvisional()).isFalse();
        assertThat(confirmed.job().state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void aBurstOfEventsCoalescesIntoOneCatchUpPass() {
        s.sync();
        long listCalls = s.gateway().calls(GatewayOperation.LIST_JOBS);
        for (int i = 0; i < 5; i++) {
            s.core().webhooks().accept(event("evt_c" + i, WebhookEvent.JOB_CREATED, JobId.of("1"), null));
        }
        s.core().webhooks().processPending(10);
        s.advance(Duration.ofSeconds(5));

        s.core().syncJobs().runCatchUpIfRequested(SyncProgressListener.NONE);
        s.core().syncJobs().runCatchUpIfRequested(SyncProgressListener.NONE);

        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(listCalls + 1);
    }

    @Test
    void unknownEventTypesAreMarkedProcessedWithoutEffect() {
        s.core().webhooks().accept(event("evt_x", "job.teleported", JobId.of("1"), null));

        assertThat(s.core().webhooks().processPending(10)).isEqualTo(1);
        assertThat(s.webhookEvents()
                        .find(Scenario.INTEGRATION, "evt_x")
                        .orElseThrow()
                        .isPending())
                .isFalse();
        assertThat(s.core().syncJobs().status().catchUpRequested()).isFalse();
    }
}
