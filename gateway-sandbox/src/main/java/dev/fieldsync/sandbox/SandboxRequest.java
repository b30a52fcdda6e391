package dev.fieldsync.sandbox;

import java.time.Instant;

/**
 * One /v1 request of a tenant as the sandbox answered it: the key's masked label ({@link SandboxKeys#mask}), method,
 * path (without the query), when it arrived on the sandbox's clock, when it was answered, the status, and for the
 * job list the cursor it asked with and the next cursor it was answered ({@code null}: none, the first or the last
 * page). A sync pass is the chain from a page without a cursor through each next cursor to a page without one.
 */
public record SandboxRequest(
        String key,
        String method,
        String path,
        Instant at,
        Instant answeredAt,
        int status,
        String cursor,
        String nextCursor) {

    /** Where the job list route leaves the next cursor of its answer for the request log. */
    static final String NEXT_CURSOR = "sandbox.next-cursor";
}
