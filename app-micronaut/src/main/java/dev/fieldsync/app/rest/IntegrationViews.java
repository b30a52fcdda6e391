package dev.fieldsync.app.rest;

import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.SecretReference;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.sync.SyncStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The JSON shapes of {@code /api/integrations}: stable, the operator console reads them. */
public final class IntegrationViews {
    private IntegrationViews() {}

    /** Every registered integration, by id. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record IntegrationList(List<IntegrationView> integrations) {}

    /**
     * One integration: its state ({@code running}, {@code paused}, {@code disabled}) and since when it is paused; the
     * instance leading its sync as this instance sees it ({@code leader}: this instance's id, or null when another
     * instance or none leads); the mirror's size and the end of the last completed pass's window; a summary of its
     * sync; {@code problem}, why it is not served here or cannot work (its runtime could not be built, its key cannot
     * be read — naming the source, never a key; null when it runs); and what it is declared as — the key and webhook
     * secrets only as references (env:, file:, property:).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record IntegrationView(
            String id,
            String state,
            @Nullable Instant pausedAt,
            @Nullable String leader,
            String instance,
            @Nullable Long mirroredJobs,
            @Nullable Instant lastCompletedPass,

            @Nullable @Schema(type = "object", nullable = true)
            SyncSummary sync,

            @Nullable String problem,
            String gatewayUrl,
            String keySource,
            @Nullable String nextKeySource,
            List<String> webhookSecrets,
            long syncIntervalSeconds,
            Budget budget,
            boolean enabled,
            String origin,
            Links links) {
        public static IntegrationView of(IntegrationStatus status, String instance, Optional<String> problem) {
            Integration integration = status.integration();
            String id = integration.id().value();
            return new IntegrationView(
                    id,
                    integration.state().name().toLowerCase(Locale.ROOT),
                    integration.pausedAt().orElse(null),
                    status.leader().orElse(null),
                    instance,
                    status.sync().map(SyncStatus::mirroredJobs).orElse(null),
                    status.sync().flatMap(SyncStatus::lastCompletedTo).orElse(null),
                    status.sync().map(SyncSummary::of).orElse(null),
                    problem.orElse(null),
                    integration.gatewayUrl().toString(),
                    integration.key().toString(),
                    integration.nextKey().map(SecretReference::toString).orElse(null),
                    integration.webhookSecrets().stream()
                            .map(SecretReference::toString)
                            .toList(),
                    integration.syncInterval().toSeconds(),
                    new Budget(
                            integration.budget().ratePerMinute(),
                            integration.budget().burst(),
                            integration.budget().backgroundReserve()),
                    integration.enabled(),
                    integration.origin().name().toLowerCase(Locale.ROOT),
                    Links.of(id));
        }
    }

    /** Where its sync stands: a pass in progress, the lag, the last pass's outcome or error. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SyncSummary(
            boolean passRunning,
            @Nullable Long lagSeconds,

            @Nullable @Schema(type = "object", nullable = true)
            Views.OutcomeView lastOutcome,

            @Nullable String lastError,
            boolean catchUpRequested) {
        static SyncSummary of(SyncStatus s) {
            return new SyncSummary(
                    s.inProgress().isPresent(),
                    s.lag().map(d -> d.toSeconds()).orElse(null),
                    s.lastOutcome().map(Views.OutcomeView::of).orElse(null),
                    s.lastError().orElse(null),
                    s.catchUpRequested());
        }
    }

    /** Its budget: requests a minute, the burst, the reserve background work leaves. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Budget(int ratePerMinute, int burst, int backgroundReserve) {}

    /** The operator's calls on it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Links(String self, String pause, String resume, String sync) {
        static Links of(String id) {
            String self = "/api/integrations/" + id;
            return new Links(self, self + "/pause", self + "/resume", self + "/sync");
        }
    }
}
