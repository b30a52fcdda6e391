package dev.fieldsync.sandbox;

import java.time.Instant;

/**
 * One /v1 request of a tenant as the sandbox answered it: the key's masked label ({@link SandboxKeys#mask}), method,
 * path (without the query), when it arrived on the sandbox's clock, when it was answered, and the status.
 */
public record SandboxRequest(String key, String method, String path, Instant at, Instant answeredAt, int status) {}
