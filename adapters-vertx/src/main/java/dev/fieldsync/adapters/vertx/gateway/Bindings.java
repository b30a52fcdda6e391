package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.adapters.vertx.wire.JobWire;
import dev.fieldsync.adapters.vertx.wire.LookupWire;
import dev.fieldsync.adapters.vertx.wire.WireObject;
import dev.fieldsync.adapters.vertx.wire.WireTimes;
import dev.fieldsync.adapters.vertx.wire.WriteBodies;
import dev.fieldsync.ports.out.gateway.GatewayCall;
import dev.fieldsync.ports.out.gateway.GatewayCall.Acknowledged;
import dev.fieldsync.ports.out.gateway.JobQuery;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds each {@link GatewayCall} to the wire: the concrete path, the query or body it sends, and how the 2xx
 * answer reads. The only place of this adapter that knows the calls one by one.
 */
final class Bindings {
    private static final Function<Buffer, Acknowledged> NO_CONTENT = body -> Acknowledged.ACKNOWLEDGED;

    private Bindings() {}

    @SuppressWarnings("unchecked") // each branch reads the answer type of its own call
    static <R> Request<R> of(GatewayCall<R> call, String cursorParameter) {
        if (call instanceof GatewayCall.Lookup<?> lookup) {
            return (Request<R>) lookup(lookup);
        } else if (call instanceof GatewayCall.ListJobs list) {
            return (Request<R>) request(
                    call,
                    call.operation().template(),
                    queryParameters(list.query(), list.cursor(), cursorParameter),
                    Optional.empty(),
                    body -> JobWire.page(WireObject.parse(body)));
        } else if (call instanceof GatewayCall.CreateJob create) {
            return (Request<R>) write(
                    call,
                    call.operation().template(),
                    WriteBodies.createJob(create.draft()),
                    body -> JobWire.created(WireObject.parse(body)));
        } else if (call instanceof GatewayCall.UpdateJob update) {
            return (Request<R>) write(
                    call,
                    call.operation().path(update.job().value()),
                    WriteBodies.updateJob(update.patch()),
                    NO_CONTENT);
        } else if (call instanceof GatewayCall.CancelJob cancel) {
            return (Request<R>) write(
                    call,
                    call.operation().path(cancel.request().job().value()),
                    WriteBodies.cancel(cancel.request()),
                    NO_CONTENT);
        } else if (call instanceof GatewayCall.CreateSite create) {
            return (Request<R>) write(
                    call,
                    call.operation().template(),
                    WriteBodies.createSite(create.draft()),
                    body -> JobWire.createdSite(WireObject.parse(body)));
        } else if (call instanceof GatewayCall.UpdateSite update) {
            return (Request<R>) write(
                    call,
                    call.operation().path(update.site().value()),
                    WriteBodies.updateSite(update.patch()),
                    NO_CONTENT);
        }
        throw new IllegalArgumentException(call.operation().label() + " has no binding in the Vert.x gateway");
    }

    private static <T> Request<List<T>> lookup(GatewayCall.Lookup<T> call) {
        return request(
                call,
                call.operation().template(),
                List.of(),
                Optional.empty(),
                body -> LookupWire.items(WireObject.parse(body), call.kind()));
    }

    private static <R> Request<R> write(GatewayCall<?> call, String path, JsonObject body, Function<Buffer, R> reader) {
        return request(call, path, List.of(), Optional.of(body), reader);
    }

    private static <R> Request<R> request(
            GatewayCall<?> call,
            String path,
            List<Map.Entry<String, String>> query,
            Optional<JsonObject> body,
            Function<Buffer, R> reader) {
        return new Request<>(call.operation(), path, query, body, call.priority(), reader);
    }

    /** The list filters, in a fixed order; the same filters go with every cursor. */
    static List<Map.Entry<String, String>> queryParameters(
            JobQuery query, Optional<String> cursor, String cursorParameter) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("state", query.state().wireName()));
        query.status().ifPresent(s -> parameters.add(Map.entry("status", s.value())));
        query.updatedFrom().ifPresent(t -> parameters.add(Map.entry("updated_at_from", WireTimes.utc(t))));
        query.updatedTo().ifPresent(t -> parameters.add(Map.entry("updated_at_to", WireTimes.utc(t))));
        query.startFrom().ifPresent(t -> parameters.add(Map.entry("start_time_from", WireTimes.withOffset(t))));
        query.startTo().ifPresent(t -> parameters.add(Map.entry("start_time_to", WireTimes.withOffset(t))));
        query.number().ifPresent(n -> parameters.add(Map.entry("number", n.value())));
        parameters.add(Map.entry("page_size", Integer.toString(query.pageSize())));
        cursor.filter(c -> !c.isEmpty()).ifPresent(c -> parameters.add(Map.entry(cursorParameter, c)));
        return List.copyOf(parameters);
    }
}
