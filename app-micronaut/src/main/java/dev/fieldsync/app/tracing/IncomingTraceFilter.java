package dev.fieldsync.app.tracing;

import dev.fieldsync.app.wiring.Tracing;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Continues the caller's W3C trace ({@code traceparent}) through the service: one SERVER span per request, made
 * current on whichever thread runs the controller, so the gateway adapter's attempt spans (and the
 * {@code traceparent} it sends) belong to the caller's trace. Without tracing the span is a no-op that still
 * carries the caller's trace id on to the gateway.
 */
@ServerFilter("/**")
public class IncomingTraceFilter implements Ordered {
    private static final String SPAN = IncomingTraceFilter.class.getName() + ".span";
    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders headers) {
            return headers.names();
        }

        @Override
        public String get(HttpHeaders headers, String name) {
            return headers == null ? null : headers.get(name);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    public IncomingTraceFilter(Tracing tracing) {
        this.tracer = tracing.tracer();
    }

    /** First in, last out: the span covers the token check and the other filters too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    public void start(HttpRequest<?> request, MutablePropagatedContext propagated) {
        Context parent = propagator.extract(Context.root(), request.getHeaders(), HEADERS);
        String route = BasicHttpAttributes.getUriTemplate(request).orElse(request.getPath());
        Span span = tracer.spanBuilder(request.getMethodName() + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.getMethodName())
                .setAttribute("http.route", route)
                .startSpan();
        request.setAttribute(SPAN, span);
        propagated.add(new CurrentTrace(parent.with(span)));
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(SPAN, Span.class).ifPresent(span -> {
            span.setAttribute("http.response.status_code", (long) response.code());
            if (response.code() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    /** Makes the request's trace context current on each thread that works on the request. */
    private record CurrentTrace(Context context) implements ThreadPropagatedContextElement<Scope> {
        @Override
        public Scope updateThreadContext() {
            return context.makeCurrent();
        }

        @Override
        public void restoreThreadContext(Scope scope) {
            scope.close();
        }
    }
}
