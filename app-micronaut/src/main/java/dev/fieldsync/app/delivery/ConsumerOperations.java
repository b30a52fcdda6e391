package dev.fieldsync.app.delivery;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.application.delivery.ChangeReplay;
import dev.fieldsync.application.delivery.ConsumerLag;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * What an operator does with the change feed's consumers, shared by the REST API and the CLI: their status, a
 * consumer's delivery log, replaying one change or a range now, rewinding to a sequence, resuming a paused one. Bad
 * input (an unknown consumer, a bad range, another integration's change id) is a {@link ConsumerProblem} that says
 * what was wrong and what to do.
 */
@Singleton
public class ConsumerOperations {
    /** Most attempts one page of the delivery log holds. */
    public static final int MAX_PAGE = 500;

    private final IntegrationId integration;
    private final ChangeConsumers consumers;
    private final ConsumerLag lag;
    private final ConsumerCursors cursors;
    private final DeliveryLog deliveryLog;
    private final ChangeReplay replay;

    public ConsumerOperations(
            FieldsyncSettings settings,
            ChangeConsumers consumers,
            ConsumerLag lag,
            dev.fieldsync.adapters.persistence.delivery.SqlConsumerCursors cursors,
            dev.fieldsync.adapters.persistence.delivery.SqlDeliveryLog deliveryLog,
            ChangeReplay replay) {
        this.integration = settings.integration();
        this.consumers = consumers;
        this.lag = lag;
        this.cursors = cursors;
        this.deliveryLog = deliveryLog;
        this.replay = replay;
    }

    public List<ConsumerStatus> all() {
        return consumers.all().stream().map(this::status).toList();
    }

    public ConsumerStatus status(String name) {
        return status(require(name));
    }

    private ConsumerStatus status(ChangeConsumers.Configured configured) {
        return new ConsumerStatus(
                configured,
                cursors.load(integration, configured.name()),
                lag.of(configured.consumer()),
                deliveryLog.deadLetters(integration, configured.name()));
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
        return deliveryLog.attemptsBefore(integration, name, before, limit);
    }

    /** Sends the change with this id to the consumer again, now. */
    public ChangeReplay.Result replayChange(String name, String changeId) {
        long sequence = sequenceOf(changeId);
        return replay.replay(require(name).consumer(), sequence, sequence);
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

    public ChangeConsumers.Configured require(String name) {
        return consumers
                .find(name)
                .orElseThrow(() -> new ConsumerProblem(
                        "there is no change consumer '" + name + "'", "the consumers are: " + consumers.names(), true));
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
                "a change id is " + prefix + "<sequence> (the id member of GET /api/changes, the webhook-id header)");
    }
}
