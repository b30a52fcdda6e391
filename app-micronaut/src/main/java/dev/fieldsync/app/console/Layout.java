package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.Problem;
import dev.fieldsync.app.rest.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame of every console page (title, navigation, who is signed in, sign-out) and its answer headers: no
 * script, styles from the committed stylesheet only (the Content-Security-Policy forbids any other), never framed,
 * never cached. {@link #page} catches a body that fails and answers a clear 503 page instead.
 */
final class Layout {
    static final String BASE = "/console";
    private static final Logger LOG = LoggerFactory.getLogger(Layout.class);
    /** The pages of one integration (under its base), after the integrations page (one for all). */
    private static final List<String[]> NAVIGATION = List.of(
            new String[] {"/budget", "Budget"},
            new String[] {"/submissions", "Submissions"},
            new String[] {"/consumers", "Change consumers"},
            new String[] {"/jobs", "Jobs"});

    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private Layout() {}

    /** A page whose body may fail: the failure becomes a 503 page saying what could not be read. */
    static MutableHttpResponse<String> page(String title, Viewer viewer, String integration, Supplier<Html> body) {
        return page(title, viewer, integration, BASE, body);
    }

    /**
     * A page of one integration ({@code /console/...} or {@code /console/integrations/{id}/...}): an id that names
     * nothing served gets the API's refusal as the page, with its status; the navigation stays in the integration.
     */
    static MutableHttpResponse<String> page(
            String title,
            Viewer viewer,
            PageScopes scopes,
            @Nullable String integration,
            Function<PageScope, Html> body) {
        PageScope scope;
        try {
            scope = scopes.resolve(integration);
        } catch (ProblemException refused) {
            Problem problem = refused.problem();
            Html panel = new Html()
                    .open("section", "class", "refused", "id", "outcome")
                    .element("p", problem.title())
                    .element("p", problem.detail() == null ? "" : problem.detail())
                    .element("p", problem.hint() == null ? "" : problem.hint())
                    .open("p")
                    .append(Html.link(BASE + "/integrations", "The integrations"))
                    .close("p")
                    .close("section");
            return answer(
                    HttpStatus.valueOf(problem.status()),
                    frame(title, viewer, String.valueOf(integration), BASE, panel));
        }
        return page(title, viewer, scope.integration(), scope.base(), () -> body.apply(scope));
    }

    private static MutableHttpResponse<String> page(
            String title, Viewer viewer, String integration, String base, Supplier<Html> body) {
        Html content;
        HttpStatus status = HttpStatus.OK;
        try {
            content = body.get();
        } catch (RuntimeException failure) {
            LOG.warn("console page '{}' could not be built: {}", title, failure.toString());
            status = HttpStatus.SERVICE_UNAVAILABLE;
            content = unavailable(failure);
        }
        return answer(status, frame(title, viewer, integration, base, content));
    }

    /**
     * The panel of a page whose numbers this process does not keep for the integration (its budget, when no runtime of
     * this process meters it).
     */
    static Html notKept(String what, PageScope scope) {
        return new Html()
                .open("section", "class", "unavailable", "id", "not-kept")
                .element("h2", "Not kept for " + scope.integration() + " in this process")
                .element("p", "This process keeps no " + what + " for this integration.")
                .open("p")
                .append(Html.link(BASE + "/integrations", "The integrations"))
                .close("p")
                .close("section");
    }

    /** The panel a page shows when the service cannot answer it. */
    static Html unavailable(RuntimeException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new Html()
                .open("section", "class", "unavailable", "id", "unavailable")
                .element("h2", "The service cannot answer this page right now")
                .element("p", message)
                .element("p", "Nothing was changed. Try again in a moment; readiness (/health/readiness) says more.")
                .close("section");
    }

    static Html frame(String title, Viewer viewer, String integration, String base, Html content) {
        Html page = new Html()
                .doctype()
                .open("html", "lang", "en")
                .open("head")
                .open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", title + " · fieldsync console")
                .open("link", "rel", "stylesheet", "href", BASE + "/assets/console.css")
                .close("head")
                .open("body")
                .open("header")
                .element("span", "fieldsync", "class", "brand")
                .element("span", integration, "class", "integration")
                .open("nav")
                .element(
                        "a",
                        "Integrations",
                        "href",
                        BASE + "/integrations",
                        "class",
                        "Integrations".equals(title) ? "current" : null);
        for (String[] item : NAVIGATION) {
            page.element("a", item[1], "href", base + item[0], "class", item[1].equals(title) ? "current" : null);
        }
        page.close("nav")
                .open("form", "method", "post", "action", BASE + "/sign-out", "class", "who")
                .element("span", viewer.name() + " (" + String.join(", ", viewer.scopeList()) + ")", "id", "viewer")
                .element("button", "Sign out", "type", "submit")
                .close("form")
                .close("header")
                .open("main")
                .element("h1", title)
                .append(content)
                .close("main")
                .close("body")
                .close("html");
        return page;
    }

    static MutableHttpResponse<String> answer(HttpStatus status, Html html) {
        return HttpResponse.<String>status(status)
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .body(html.toString());
    }

    /** A small form with one button (and hidden fields as name, value pairs) that POSTs to {@code action}. */
    static Html button(String action, String label, String id, String... hidden) {
        Html form = new Html().open("form", "method", "post", "action", action, "class", "inline");
        for (int i = 0; i < hidden.length; i += 2) {
            form.open("input", "type", "hidden", "name", hidden[i], "value", hidden[i + 1]);
        }
        return form.element("button", label, "type", "submit", "id", id).close("form");
    }

    /** The outcome of an action, with the way back. */
    static Html outcome(boolean done, String message, String back, String backLabel) {
        return new Html()
                .open("section", "class", done ? "notice" : "refused", "id", "outcome")
                .element("p", message)
                .open("p")
                .append(Html.link(back, backLabel))
                .close("p")
                .close("section");
    }
}
