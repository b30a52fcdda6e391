package dev.fieldsync.app.console;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.rest.PassAnswers;
import dev.fieldsync.app.rest.ProblemException;
import dev.fieldsync.app.rest.Views;
import dev.fieldsync.app.wiring.IntegrationCores;
import dev.fieldsync.app.wiring.ServedIntegration;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Optional;
import java.util.function.Function;

/**
 * The integrations page: one row per registered integration with what {@code /api/integrations} and
 * {@code /api/sync} say (state, leader, mirror size, last completed pass and lag, the gateway clock's offset, a
 * stall or the last error), and pause / resume / "sync now" through {@link ManageIntegrations}, the use case behind
 * {@code POST /api/integrations/{id}/pause|resume|sync}; "sync now" is answered by the API's own table
 * ({@link PassAnswers}). Each integration this process serves links to its own pages
 * ({@code /console/integrations/{id}/jobs}...).
 */
@Hidden
@Controller(Layout.BASE + "/integrations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IntegrationsPage {
    private final ManageIntegrations integrations;
    private final IntegrationCores cores;
    private final IntegrationId served;
    private final String instance;

    public IntegrationsPage(ManageIntegrations integrations, IntegrationCores cores, FieldsyncSettings settings) {
        this.integrations = integrations;
        this.cores = cores;
        this.served = cores.defaultIntegration();
        this.instance = settings.instance().id();
    }

    static String action(String id, String word) {
        return Layout.BASE + "/integrations/" + id + "/" + word;
    }

    @Get
    public MutableHttpResponse<String> page(HttpRequest<?> request, @Nullable Authentication authentication) {
        Viewer viewer = Viewer.of(request, authentication);
        return Layout.page("Integrations", viewer, served.value(), () -> table(viewer));
    }

    @Post(
            value = "/{id}/pause",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> pause(
            HttpRequest<?> request, @Nullable Authentication authentication, @PathVariable String id) {
        return change(request, authentication, id, integrations::pause, "is paused on every instance");
    }

    @Post(
            value = "/{id}/resume",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> resume(
            HttpRequest<?> request, @Nullable Authentication authentication, @PathVariable String id) {
        return change(request, authentication, id, integrations::resume, "runs again from the next tick");
    }

    @Post(
            value = "/{id}/sync",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> syncNow(
            HttpRequest<?> request, @Nullable Authentication authentication, @PathVariable String id) {
        return Layout.page("Integrations", Viewer.of(request, authentication), served.value(), () -> {
            Optional<IntegrationId> integration = parse(id);
            var answer = integration.flatMap(integrations::requestPass);
            if (answer.isEmpty()) {
                return notFound(id);
            }
            try {
                HttpResponse<Views.SyncStarted> started = PassAnswers.of(
                        answer.get(),
                        "/api/integrations/" + id + "/sync",
                        cores.find(integration.get())
                                .flatMap(local -> local.work().lastPassStartedAt()));
                return Layout.outcome(true, id + ": " + started.body().message(), back(), "Back to integrations");
            } catch (ProblemException refused) {
                return Layout.outcome(
                        false,
                        id + ": " + refused.problem().title() + ". "
                                + Optional.ofNullable(refused.problem().detail())
                                        .orElse("") + " "
                                + Optional.ofNullable(refused.problem().hint()).orElse(""),
                        back(),
                        "Back to integrations");
            }
        });
    }

    private MutableHttpResponse<String> change(
            HttpRequest<?> request,
            Authentication authentication,
            String id,
            Function<IntegrationId, Optional<IntegrationStatus>> operation,
            String done) {
        return Layout.page(
                "Integrations",
                Viewer.of(request, authentication),
                served.value(),
                () -> parse(id)
                        .flatMap(operation)
                        .map(status -> Layout.outcome(true, id + " " + done + ".", back(), "Back to integrations"))
                        .orElseGet(() -> notFound(id)));
    }

    private Html table(Viewer viewer) {
        Html table = new Html()
                .open("table", "id", "integrations")
                .headers(
                        "Integration",
                        "State",
                        "Leader",
                        "Mirrored jobs",
                        "Last completed pass (to)",
                        "Lag",
                        "Gateway clock offset",
                        "Stall / errors",
                        "Actions");
        for (IntegrationStatus status : integrations.list()) {
            table.append(IntegrationRow.of(status, local(status), instance, viewer, pages(status)));
        }
        return table.close("table");
    }

    /** What only this process knows of an integration it serves: the stall watch and the review queue. */
    private Optional<Views.Sync> local(IntegrationStatus status) {
        Optional<ServedIntegration> local = cores.find(status.integration().id());
        if (local.isEmpty() || status.sync().isEmpty()) {
            return Optional.empty();
        }
        ServedIntegration here = local.get();
        return Optional.of(Views.Sync.of(
                status.sync().get(),
                here.sync().stall(),
                here.work().isLeader(),
                here.work().isSyncRunning(),
                here.core().reviewSubmissions().counts()));
    }

    /** Where the pages of an integration this process serves are: the default's under /console, others scoped. */
    private Optional<String> pages(IntegrationStatus status) {
        IntegrationId id = status.integration().id();
        if (cores.find(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(id.equals(served) ? Layout.BASE : Layout.BASE + "/integrations/" + id.value());
    }

    private static Html notFound(String id) {
        return Layout.outcome(false, "There is no integration '" + id + "'.", back(), "Back to integrations");
    }

    private static String back() {
        return Layout.BASE + "/integrations";
    }

    private static Optional<IntegrationId> parse(String id) {
        try {
            return Optional.of(IntegrationId.of(id));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
