package dev.fieldsync.app.console;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The console's session: the token the operator pasted at sign-in, held by the browser in an HttpOnly,
 * SameSite=Strict cookie scoped to {@code /console} (Secure when the request came over HTTPS). This reader hands it
 * to Micronaut Security for console paths only, so the same token validators and scope table decide as for a bearer
 * token, and the API itself never accepts the cookie (a cross-site request to it carries no credential).
 */
@Singleton
public class ConsoleCookie implements TokenReader<HttpRequest<?>> {
    static final String NAME = "fieldsync_console";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        if (!path.equals(Layout.BASE) && !path.startsWith(Layout.BASE + "/")) {
            return Optional.empty();
        }
        return request.getCookies()
                .findCookie(NAME)
                .map(Cookie::getValue)
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    /** The cookie that holds {@code token}: a browser session's, gone when the browser closes. */
    static Cookie holding(String token, HttpRequest<?> request) {
        return base(Cookie.of(NAME, token), request);
    }

    /** The cookie that clears it. */
    static Cookie cleared(HttpRequest<?> request) {
        return base(Cookie.of(NAME, ""), request).maxAge(0);
    }

    private static Cookie base(Cookie cookie, HttpRequest<?> request) {
        return cookie.path(Layout.BASE).httpOnly(true).sameSite(SameSite.Strict).secure(SameOrigin.overHttps(request));
    }

    /** After the Authorization header's reader: a request with a bearer token is decided by that token. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
