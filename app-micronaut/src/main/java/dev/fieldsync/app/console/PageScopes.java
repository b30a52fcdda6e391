package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.ProblemException;
import io.micronaut.core.annotation.Nullable;

/** Finds the integration of a console page (see {@link ServedPageScopes}). */
@FunctionalInterface
interface PageScopes {

    /**
     * The integration named by the page's path, the default one when absent.
     *
     * @throws ProblemException the REST API's refusal (400 malformed, 404 unknown, 409 not served here)
     */
    PageScope resolve(@Nullable String integration);
}
