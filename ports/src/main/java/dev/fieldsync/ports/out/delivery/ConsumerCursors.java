package dev.fieldsync.ports.out.delivery;

import dev.fieldsync.domain.id.IntegrationId;

/** The durable state of each consumer of the change feed, so a restart resumes where each one stood. */
public interface ConsumerCursors {
    /** The consumer's state; {@link ConsumerState#START} for one never saved. */
    ConsumerState load(IntegrationId integration, String consumer);

    void save(IntegrationId integration, String consumer, ConsumerState state);
}
