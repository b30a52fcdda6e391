package dev.fieldsync.app.scheduling;

import dev.fieldsync.domain.id.IntegrationId;
import java.util.Optional;

/** The background work of each integration this process serves now (implemented by the wiring's runtimes). */
public interface IntegrationWorks {

    /** The integration's work while this process serves it; empty for one it does not serve. */
    Optional<IntegrationWork> work(IntegrationId integration);
}
