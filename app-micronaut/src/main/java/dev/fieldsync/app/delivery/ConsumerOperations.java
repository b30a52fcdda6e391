package dev.fieldsync.app.delivery;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.persistence.delivery.SqlConsumerCursors;
import dev.fieldsync.adapters.persistence.delivery.SqlDeliveryLog;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.application.delivery.ChangeDeliveries;
import dev.fieldsync.application.delivery.ChangeReplay;
import dev.fieldsync.application.delivery.ConsumerLag;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ChangeEncoder;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an operator does with the change feed's consumers, shared by the REST API, the console and the CLI: their
 * status, a consumer's delivery log, replaying one change or a range now, rewinding to a sequence, resuming a paused
 * one — for one integration's (integration, consumer) pairs, each with its own durable cursor. The bean is the default
 * integration's; {@link #of} answers another's. Only the consumers that serve the integration
 * ({@code fieldsync.changes.<kind>.<name>.integrations}) are listed or found. Bad input (an unknown consumer, one that
 * does not serve the integration, a bad range, another integration's change id) is a {@link ConsumerProblem} that
 * says what was wrong and what to do.
 */
@Singleton
public class ConsumerOperations {
    /** Most attempts one page of the delivery log holds. */
    public static final int MAX_PAGE = 500;

    /** The stores every integration's operations share. */
    private record Stores(
            IntegrationId defaultIntegration,
            ChangeConsumers consumers,
            SqlChangeLog log,
            SqlConsumerCursors cursors,
            SqlDeliveryLog deliveryLog,
            ChangeEncoder encoder,
            Clock clock,
            Map<IntegrationId, ConsumerOperations> scoped) {}

    private final IntegrationId integration;
    private final Stores stores;
    private final ConsumerLag lag;
    private final ChangeReplay replay;

    @Inject
    public ConsumerOperations(
            FieldsyncSettings settings,
            ChangeConsumers consumers,
            SqlChangeLog log,
            SqlConsumerCursors cursors,
            SqlDeliveryLog deliveryLog,
            ChangeEncoder encoder,
            Clock clock) {
        this(
                settings.integration(),
                new Stores(
                        settings.integration(),
                        consumers,
                        log,
                        cursors,
                        deliveryLog,
                        encoder,
                        clock,
                        new ConcurrentHashMap<>()));
    }

    private ConsumerOperations(IntegrationId integration, Stores stores) {
        this.integration = integration;
        this.stores = stores;
        this.lag = new ConsumerLag(integration, stores.log(), stores.cursors(), stores.deliveryLog(), stores.clock());
        this.replay = new ChangeReplay(
                integration,
                stores.log(),
                stores.cursors(),
                stores.deliveryLog(),
                new ChangeDeliveries(integration, stores.encoder(), stores.deliveryLog(), stores.clock()));
    }

    /** The operations on {@code other}'s pairs (the same stores and consumers, its own cursors and change log). */
    public ConsumerOperations of(IntegrationId other) {
        return other.equals(integration)
                ? this
                : stores.scoped().computeIfAbsent(other, id -> new ConsumerOperations(id, stores));
    }

    public IntegrationId integration() {
        return integration;
    }

    public boolean isDefault() {
        return integration.equals(stores.defaultIntegration());
    }

    /** Where this integration's consumers are under the API: {@code /api} for the default, else its scoped path. */
    public String apiBase() {
        return isDefault() ? "/api" : "/api/integrations/" + integration.value();
    }

    /** The consumers that serve this integration, in the order of the settings. */
    public List<ConsumerStatus> all() {
        return stores.consumers().all().stream()
                .filter(configured -> configured.serves(integration))
                .map(this::status)
                .toList();
    }

    public ConsumerStatus status(String name) {
        return status(require(name));
    }

    private ConsumerStatus status(ChangeConsumers.Configured configured) {
        return new ConsumerStatus(
                integration,
                apiBase(),
                configured,
                stores.cursors().load(integration, configured.name()),
                lag.of(configured.consumer()),
                stores.deliveryLog().deadLetters(integration, configured.name()));
    }

    /** A page of the consumer's attempts, newest first, below the attempt id {@code before}. */
    public List<DeliveryLog.LoggedAttempt> deliveries(String name, long before, int limit) {
        require(name);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ConsumerProblem("limit must be 1-" + MAX_PAGE + ", not " + limit, "e.g. limit=50");
        }
        if (before < 1) {
            throw new ConsumerProblem(
                    "before must be an attempt id ≥ 1, not " + before, "follow the next link of the previous page");
        }
        return stores.deliveryLog().attemptsBefore(integration, name, before, limit);
    }

    /** Sends the change with this id to the consumer again, now. */
    public ChangeReplay.Result replayChange(String name, String changeId) {
        ChangeConsumers.Configured configured = require(name);
        long sequence = sequenceOf(changeId);
        return replay.replay(configured.consumer(), sequence, sequence);
    }

    /** Sends the changes {@code from}..{@code to} (of the consumer's kinds) again, now, in order. */
    public ChangeReplay.Result replayRange(String name, long from, long to) {
        ChangeConsumers.Configured configured = require(name);
        if (from < 1 || to < from) {
            throw new ConsumerProblem(
                    "the range " + from + ".." + to + " is empty or starts below 1",
                    "give from ≥ 1 and to ≥ from (e.g. from=120&to=180); leave to out to replay everything from a"
                            + " sequence");
        }
        return replay.replay(configured.consumer(), from, to);
    }

    /** From now on the consumer's deliverer sends every change from {@code from} on again. */
    public void rewind(String name, long from) {
        ChangeConsumers.Configured configured = require(name);
        if (from < 1) {
            throw new ConsumerProblem("from must be a sequence ≥ 1, not " + from, "e.g. from=1 for everything");
        }
        replay.rewind(configured.consumer(), from);
    }

    /** A paused consumer delivers again, from where it stood. */
    public void resume(String name) {
        replay.resume(require(name).consumer());
    }

    /**
     * The consumer of this name that serves this integration.
     *
     * @throws ConsumerProblem (not found) when there is none of the name, or it serves other integrations only
     */
    public ChangeConsumers.Configured require(String name) {
        ChangeConsumers consumers = stores.consumers();
        ChangeConsumers.Configured configured = consumers
                .find(name)
                .orElseThrow(() -> new ConsumerProblem(
                        "there is no change consumer '" + name + "'", "the consumers are: " + consumers.names(), true));
        if (!configured.serves(integration)) {
            throw new ConsumerProblem(
                    "change consumer '" + name + "' does not serve integration '" + integration.value()
                            + "'; it serves " + String.join(", ", served(configured)),
                    "its fieldsync.changes.<kind>." + name + ".integrations says which; ask under"
                            + " /api/integrations/{id}/changes/consumers for one of those",
                    true);
        }
        return configured;
    }

    private static List<String> served(ChangeConsumers.Configured configured) {
        return configured.integrations().stream()
                .map(IntegrationId::value)
                .sorted()
                .toList();
    }

    private long sequenceOf(String changeId) {
        String prefix = Change.idOf(integration, 1);
        prefix = prefix.substring(0, prefix.length() - 1);
        if (changeId != null && changeId.startsWith(prefix)) {
            try {
                long sequence = Long.parseLong(changeId.substring(prefix.length()));
                if (sequence >= 1) {
                    return sequence;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw new ConsumerProblem(
                "'" + changeId + "' is not a change id of this integration",
                "a change id is " + prefix + "<sequence> (the id member of GET " + apiBase()
                        + "/changes, the webhook-id header)");
    }
}
