package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one call sends and how its 2xx answer is read: operation, concrete path, query, body, the priority its
 * budget is spent at, and the reader of the body.
 */
record Request<R>(
        GatewayOperation operation,
        String path,
        List<Map.Entry<String, String>> query,
        Optional<JsonObject> body,
        Priority priority,
        Function<Buffer, R> reader) {}
