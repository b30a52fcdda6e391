package dev.fieldsync.app.scheduling;

import dev.fieldsync.application.delivery.ChangeDispatcher;
import dev.fieldsync.domain.id.IntegrationId;

/** Builds the dispatcher that pushes one integration's change log to its consumers (over the shared stores). */
@FunctionalInterface
public interface ChangeDispatchers {
    ChangeDispatcher of(IntegrationId integration);
}
