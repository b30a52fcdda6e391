package dev.fieldsync.app.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Signing in to the console: the operator pastes an API token (a named token or, when configured, a JWT); the
 * service's own token validators check it, and only a token they accept is put into the session cookie. The token
 * is read from the form body only, never echoed into a page, a URL or a log line. Signing out clears the cookie.
 */
@Hidden
@Controller(Layout.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignIn {
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);
    private final List<TokenValidator<HttpRequest<?>>> validators;

    public SignIn(List<TokenValidator<HttpRequest<?>>> validators) {
        this.validators = validators;
    }

    @Get
    public HttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create(Layout.BASE + "/integrations"));
    }

    @Get("/sign-in")
    public MutableHttpResponse<String> form() {
        return Layout.answer(HttpStatus.OK, page(null));
    }

    @Post(value = "/sign-in", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> signIn(HttpRequest<?> request, @Nullable @Body("token") String token) {
        String presented = token == null ? "" : token.strip();
        if (presented.isEmpty()) {
            return Layout.answer(HttpStatus.BAD_REQUEST, page("Paste an API token to sign in."));
        }
        if (authenticate(presented, request).isEmpty()) {
            return Layout.answer(
                    HttpStatus.UNAUTHORIZED,
                    page("That token is not one of this service's tokens (or a JWT it accepts). Nothing was stored."));
        }
        return HttpResponse.seeOther(URI.create(Layout.BASE + "/integrations"))
                .cookie(ConsoleCookie.holding(presented, request));
    }

    @Post(
            value = "/sign-out",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<?> signOut(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create(Layout.BASE + "/sign-in")).cookie(ConsoleCookie.cleared(request));
    }

    /** The first validator's answer, in their order (named tokens first, then JWT), as the security filter does. */
    private Optional<Authentication> authenticate(String token, HttpRequest<?> request) {
        for (TokenValidator<HttpRequest<?>> validator : validators) {
            Authentication found = Mono.from(validator.validateToken(token, request))
                    .onErrorResume(refused -> Mono.empty())
                    .block(VALIDATION_TIMEOUT);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static Html page(String message) {
        Html body = new Html()
                .doctype()
                .open("html", "lang", "en")
                .open("head")
                .open("meta", "charset", "utf-8")
                .element("title", "Sign in · fieldsync console")
                .open("link", "rel", "stylesheet", "href", Layout.BASE + "/assets/console.css")
                .close("head")
                .open("body", "class", "sign-in")
                .open("main")
                .element("h1", "fieldsync console")
                .element(
                        "p",
                        "Paste an API token: read to look, write or admin to act. It is kept in this browser's session"
                                + " cookie only (HttpOnly, SameSite=Strict) and cleared when you sign out.");
        if (message != null) {
            body.element("p", message, "class", "refused", "id", "sign-in-problem");
        }
        return body.open("form", "method", "post", "action", Layout.BASE + "/sign-in")
                .element("label", "API token", "for", "token")
                .open(
                        "input",
                        "type",
                        "password",
                        "name",
                        "token",
                        "id",
                        "token",
                        "autocomplete",
                        "off",
                        "required",
                        "")
                .element("button", "Sign in", "type", "submit", "id", "sign-in")
                .close("form")
                .close("main")
                .close("body")
                .close("html");
    }
}
