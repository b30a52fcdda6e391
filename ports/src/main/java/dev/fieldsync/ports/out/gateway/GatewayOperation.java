package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.ports.out.budget.Priority;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The gateway's operations as one table (GATEWAY-API.md §5-§7): method, route template, whether a request whose
 * answer was lost may be sent again, and the priority its budget is spent at. The Vert.x adapter, the metrics
 * decorator, the scripted fake and the verifier read it; none types an operation out again.
 *
 * @param method        HTTP method
 * @param template      route template such as {@code /v1/jobs/{id}}: span name and metric tag, never a concrete id
 * @param repeatability whether a request that may have run can be sent again
 * @param fixedPriority writes spend at interactive priority whatever the caller does; reads at the caller's
 */
public record GatewayOperation(
        Method method, String template, Repeatability repeatability, Optional<Priority> fixedPriority) {

    /** The methods the gateway uses. */
    public enum Method {
        GET,
        POST,
        PATCH
    }

    /** Whether a request that may have run can be sent again. */
    public enum Repeatability {
        /** GET and PATCH: sending it twice has the effect of sending it once. */
        SAFE_TO_REPEAT,
        /** POST create and cancel: re-sent only when it provably did not run. */
        RUNS_AT_MOST_ONCE
    }

    public static final GatewayOperation LIST_JOBS = read("/v1/jobs");
    public static final GatewayOperation CREATE_JOB = write(Method.POST, "/v1/jobs", Repeatability.RUNS_AT_MOST_ONCE);
    public static final GatewayOperation UPDATE_JOB =
            write(Method.PATCH, "/v1/jobs/{id}", Repeatability.SAFE_TO_REPEAT);
    public static final GatewayOperation CANCEL_JOB =
            write(Method.POST, "/v1/jobs/{id}/cancel", Repeatability.RUNS_AT_MOST_ONCE);
    public static final GatewayOperation CREATE_SITE = write(Method.POST, "/v1/sites", Repeatability.RUNS_AT_MOST_ONCE);
    public static final GatewayOperation UPDATE_SITE =
            write(Method.PATCH, "/v1/sites/{id}", Repeatability.SAFE_TO_REPEAT);

    private static final Map<LookupKind<?>, GatewayOperation> LOOKUPS = LookupKind.all().stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), kind -> read(kind.path())));
    private static final List<GatewayOperation> ALL = Stream.concat(
                    LookupKind.all().stream().map(LOOKUPS::get),
                    Stream.of(LIST_JOBS, CREATE_JOB, UPDATE_JOB, CANCEL_JOB, CREATE_SITE, UPDATE_SITE))
            .toList();

    public GatewayOperation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(repeatability, "repeatability");
        Objects.requireNonNull(fixedPriority, "fixedPriority");
    }

    /** The read of one lookup: {@code GET} its path. */
    public static GatewayOperation lookup(LookupKind<?> kind) {
        return Objects.requireNonNull(LOOKUPS.get(kind), () -> "no lookup " + kind);
    }

    /** Every operation: the lookups, then the job list and the writes. */
    public static List<GatewayOperation> all() {
        return ALL;
    }

    private static GatewayOperation read(String template) {
        return new GatewayOperation(Method.GET, template, Repeatability.SAFE_TO_REPEAT, Optional.empty());
    }

    private static GatewayOperation write(Method method, String template, Repeatability repeatability) {
        return new GatewayOperation(method, template, repeatability, Optional.of(Priority.INTERACTIVE));
    }

    /** The priority a call of this operation spends its budget at, when its caller asked for {@code requested}. */
    public Priority priority(Priority requested) {
        return fixedPriority.orElse(Objects.requireNonNull(requested, "priority"));
    }

    public boolean isWrite() {
        return method != Method.GET;
    }

    /** {@code PATCH /v1/jobs/{id}}: what errors, spans, log lines and metrics call the operation. */
    public String label() {
        return method + " " + template;
    }

    /** The concrete path with {@code {id}} filled in (ids are digit strings, so nothing needs escaping). */
    public String path(String id) {
        return template.replace("{id}", id);
    }

    @Override
    public String toString() {
        return label();
    }
}
