package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.JobJson;
import dev.fieldsync.sandbox.data.JobQuery;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.data.Store;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;

/** {@code GET /v1/jobs}: filters, newest-updated first, pages with a keyset cursor (GATEWAY-API.md §6, §9). */
final class JobListRoutes {
    private static final Set<String> FILTERS = Set.of(
            "state",
            "status",
            "updated_at_from",
            "updated_at_to",
            "start_time_from",
            "start_time_to",
            "number",
            "page_size");
    private final Gateway gateway;

    JobListRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    void listJobs(RoutingContext ctx) {
        Store store = Gateway.tenant(ctx).store();
        MultiMap q = ctx.queryParams();
        String cursorParameter = gateway.settings().cursorParameter();
        if (gateway.settings().rejectUnknownParameters()) {
            for (String name : q.names()) {
                if (!FILTERS.contains(name) && !name.equals(cursorParameter)) {
                    throw ApiError.invalidQuery("unknown query parameter " + name);
                }
            }
        }
        Set<State> states;
        String state = q.get("state");
        if (state == null || state.equals("open")) {
            states = JobQuery.OPEN;
        } else if (state.equals("closed")) {
            states = JobQuery.CLOSED;
        } else if (state.equals("all")) {
            states = JobQuery.ALL;
        } else {
            throw ApiError.invalidQuery("state must be open, closed or all");
        }
        Long statusId = null;
        if (q.get("status") != null) {
            statusId = Bodies.parseId(q.get("status"));
            if (statusId == null || store.status(statusId) == null) {
                throw ApiError.invalidQuery("status is not a known status id");
            }
        }
        Long updatedFrom = instantMillis(q.get("updated_at_from"), "updated_at_from");
        Long updatedTo = instantMillis(q.get("updated_at_to"), "updated_at_to");
        Long startFrom = epochSecond(q.get("start_time_from"), "start_time_from");
        Long startTo = epochSecond(q.get("start_time_to"), "start_time_to");
        Long number = null;
        String numberParam = q.get("number");
        if (numberParam != null) {
            // A number that cannot exist simply matches nothing.
            number = Bodies.parseId(numberParam);
            if (number == null) {
                number = -1L;
            }
        }
        int pageSize = 25;
        String ps = q.get("page_size");
        if (ps != null) {
            if (!ps.matches("[0-9]{1,3}")) {
                throw ApiError.invalidQuery("page_size must be an integer from 1 to 100");
            }
            pageSize = Integer.parseInt(ps);
            if (pageSize < 1 || pageSize > 100) {
                throw ApiError.invalidQuery("page_size must be an integer from 1 to 100");
            }
        }
        // Another name than the one configured is an unknown parameter: ignored, so the first page comes again.
        long[] cursor = decodeCursor(q.get(cursorParameter));
        JobQuery query = new JobQuery(
                states,
                statusId,
                updatedFrom,
                updatedTo,
                startFrom,
                startTo,
                number,
                pageSize,
                cursor == null ? null : cursor[0],
                cursor == null ? null : cursor[1]);
        byte[] body;
        synchronized (store) {
            JobQuery.Page page = store.page(query);
            String next = null;
            if (page.more()) {
                Job last = page.jobs().get(page.jobs().size() - 1);
                next = encodeCursor(last.updatedAtMillis(), last.id);
            }
            body = JobJson.page(page.jobs(), store.customFields(), next);
            if (next != null) {
                ctx.put(SandboxRequest.NEXT_CURSOR, next);
            }
        }
        Http.sendBytes(ctx, 200, body);
    }

    static String encodeCursor(long updatedAtMillis, long id) {
        String raw = "v1:" + updatedAtMillis + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static long[] decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":", -1);
            if (parts.length == 3 && parts[0].equals("v1")) {
                return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours
        }
        throw ApiError.invalidQuery("cursor is not valid");
    }

    private static Long instantMillis(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidQuery(name + " must be an ISO-8601 timestamp with offset (UTC: Z)");
        }
    }

    private static Long epochSecond(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidQuery(name + " must be an ISO-8601 timestamp with offset");
        }
    }
}
