package dev.fieldsync.app.wiring;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationBudget;
import dev.fieldsync.domain.webhook.WebhookSecret;
import java.util.List;

/**
 * The settings one registry integration runs on: the service's settings (client tunables, dispatch, sweep,
 * submissions, lookups...) with the integration's own id, gateway URL, sync interval, budget (rate, burst, reserve;
 * the 429 pause and whether the bucket is shared stay the service's) and webhook secrets. The key is not among them:
 * {@link SecretSources} resolves the integration's reference.
 */
final class IntegrationSettings {
    private IntegrationSettings() {}

    static FieldsyncSettings of(FieldsyncSettings service, Integration integration, List<WebhookSecret> secrets) {
        FieldsyncSettings.Gateway gateway = new FieldsyncSettings.Gateway(
                integration.gatewayUrl(),
                service.gateway().allowPlainHttp(),
                service.gateway().client());
        IntegrationBudget own = integration.budget();
        FieldsyncSettings.Budget budget = new FieldsyncSettings.Budget(
                own.ratePerMinute(),
                own.burst(),
                own.backgroundReserve(),
                service.budget().pauseAfterRateLimited(),
                service.budget().shared());
        FieldsyncSettings.Sync s = service.sync();
        FieldsyncSettings.Sync sync = new FieldsyncSettings.Sync(
                s.enabled(),
                integration.syncInterval(),
                s.overlap(),
                s.firstPassHorizon(),
                s.catchUpCheck(),
                s.maxLag(),
                s.requestedPassInterval(),
                s.gatewayClock(),
                s.stallAfterIntervals(),
                s.stallAfterFailedPasses());
        return new FieldsyncSettings(
                integration.id(),
                gateway,
                service.key(),
                budget,
                sync,
                service.dispatch(),
                service.submissions(),
                service.lookups(),
                service.requestCaps(),
                new FieldsyncSettings.Webhooks(secrets, service.webhooks().refusalLogInterval()),
                service.api(),
                service.tracing(),
                service.sweep(),
                service.changeDelivery(),
                service.instance(),
                List.of());
    }
}
