package dev.fieldsync.app.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's CSRF defence beside the SameSite=Strict cookie: a state-changing request to {@code /console/**}
 * must say, by its {@code Origin} header (or, where a browser sends none, its {@code Referer}), that it comes from a
 * page of this same host; anything else is refused with 403 before security or a controller runs. Browsers set both
 * headers themselves; a page on another site cannot forge them. A request with an {@code Authorization} header is
 * not a browser's form (no page of another site can add that header without a CORS grant, and there is none), so
 * its bearer token alone decides, as on the API.
 */
@ServerFilter("/console/**")
public class SameOrigin implements Ordered {

    @RequestFilter
    @Nullable
    public MutableHttpResponse<String> check(HttpRequest<?> request) {
        String method = request.getMethodName();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return null;
        }
        if (request.getHeaders().getAuthorization().isPresent() || sameOrigin(request)) {
            return null;
        }
        return Layout.answer(
                HttpStatus.FORBIDDEN,
                new Html()
                        .doctype()
                        .open("html", "lang", "en")
                        .element("title", "Refused · fieldsync console")
                        .element(
                                "p",
                                "Refused: this form was not sent from a page of the console (its Origin is not this"
                                        + " service's). Open the console and try again."));
    }

    /**
     * Runs right after Micronaut Security's filter (a caller without a valid token is still told 401 / sent to sign
     * in), before any controller: a cross-site form never reaches an action.
     */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    static boolean sameOrigin(HttpRequest<?> request) {
        Optional<String> host = request.getHeaders().get(HttpHeaders.HOST, String.class);
        if (host.isEmpty()) {
            return false;
        }
        String expected =
                (overHttps(request) ? "https://" : "http://") + host.get().toLowerCase(Locale.ROOT);
        Optional<String> origin = request.getHeaders().get(HttpHeaders.ORIGIN, String.class);
        if (origin.isPresent()) {
            return origin.get().toLowerCase(Locale.ROOT).equals(expected);
        }
        return request.getHeaders()
                .get(HttpHeaders.REFERER, String.class)
                .map(SameOrigin::originOf)
                .map(expected::equals)
                .orElse(false);
    }

    static boolean overHttps(HttpRequest<?> request) {
        return request.isSecure()
                || request.getHeaders()
                        .get("X-Forwarded-Proto", String.class)
                        .map(proto -> proto.equalsIgnoreCase("https"))
                        .orElse(false);
    }

    private static String originOf(String referer) {
        try {
            URI uri = URI.create(referer);
            return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAUri) {
            return "";
        }
    }
}
