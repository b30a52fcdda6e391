package dev.fieldsync.app.rest;

import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.verify.RequestVerification;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's setup & verification checklist (spends about a dozen requests at most). A report younger than
 * {@code fieldsync.verify.reuse-for} is answered again; {@code force=true} runs anew, at most once per
 * {@code fieldsync.verify.forced-run-interval}.
 */
@ProblemAnswers.BadInput
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "verify")
@SecurityRequirement(name = "bearer")
public class VerifyController {
    static final String VERIFY = "/verify";
    private final IntegrationScopes scope;

    public VerifyController(IntegrationScopes scope) {
        this.scope = scope;
    }

    @Get(uris = {VERIFY, IntegrationScopes.SCOPE + VERIFY})
    @Operation(
            summary = "Run the checklist; write=true also creates and cancels an 'Integration check' job "
                    + "on the given site and job_type",
            description = "A report younger than fieldsync.verify.reuse-for (5m) is answered again (reused=true, "
                    + "no request spent); force=true runs anew, at most once per fieldsync.verify.forced-run-interval "
                    + "(1m).")
    public VerifyAnswerView verify(
            @Nullable @PathVariable String integration,
            @Nullable @QueryValue String write,
            @Nullable @QueryValue String force,
            @Nullable @QueryValue String site,
            @Nullable @QueryValue("job_type") String jobType) {
        RequestVerification verification = scope.resolve(integration).core().requestVerification();
        boolean writeTest = "true".equalsIgnoreCase(write);
        if (writeTest && (site == null || jobType == null)) {
            throw ProblemException.invalid(List.of(Violation.of(
                    site == null ? "site" : "job_type",
                    "required",
                    "the write test needs both site and job_type (names or ids)")));
        }
        VerifyOptions options = new VerifyOptions(writeTest, Optional.ofNullable(site), Optional.ofNullable(jobType));
        boolean forced = "true".equalsIgnoreCase(force);
        return VerifyAnswerView.of(verification.verify(options, forced), forced);
    }
}
