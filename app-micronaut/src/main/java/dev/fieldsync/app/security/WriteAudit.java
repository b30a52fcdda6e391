package dev.fieldsync.app.security;

import dev.fieldsync.app.config.Scope;
import dev.fieldsync.app.rest.Callers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per write and operator action (every call whose row in {@link ScopeTable} needs {@code write} or
 * {@code admin}): the method, path, caller ({@code token:<name>} or {@code jwt:<subject>}) and answer status. The
 * line names the caller, never a token or a hash.
 */
@ServerFilter("/**")
public class WriteAudit {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAudit.class);

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<Scope> needed = ScopeRule.required(request);
        if (needed.isEmpty() || needed.get() == Scope.READ) {
            return;
        }
        Optional<String> actor = Callers.actor(request);
        if (actor.isPresent()) {
            LOG.info(
                    "{} {} by {} ({}): {}",
                    request.getMethodName(),
                    request.getPath(),
                    actor.get(),
                    needed.get().wireName(),
                    response.code());
        }
    }
}
