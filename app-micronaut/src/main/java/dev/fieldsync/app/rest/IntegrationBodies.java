package dev.fieldsync.app.rest;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationInput;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/integrations} and {@code PUT|PATCH /api/integrations/{id}}, read into an {@link
 * IntegrationInput}: every problem — malformed JSON, a wrong type, an unknown member, a broken rule — in one 400.
 */
final class IntegrationBodies {
    static final Set<String> MEMBERS = Set.of(
            "gateway_url",
            "key",
            "next_key",
            "webhook_secrets",
            "sync_interval",
            "rate_per_minute",
            "burst",
            "background_reserve",
            "enabled");
    private static final Set<String> CREATE_MEMBERS = union(MEMBERS, "id");

    private IntegrationBodies() {}

    /** A new integration: its id and members, validated (origin API). */
    static Integration create(JsonMapper json, String body) {
        JsonBody input = JsonBody.parse(json, body, false, CREATE_MEMBERS);
        List<Violation> problems = new ArrayList<>();
        String id = input.string("id");
        IntegrationId integration = null;
        if (id == null) {
            problems.add(Violation.of("id", "required", "id is required: 1-63 of a-z, 0-9, '_', '-' (e.g. acme)"));
        } else {
            try {
                integration = IntegrationId.of(id);
            } catch (IllegalArgumentException malformed) {
                problems.add(Violation.of("id", "format", malformed.getMessage()));
            }
        }
        IntegrationInput members = members(input);
        Validated<Integration> valid = members.validate(
                integration == null ? IntegrationId.of("x") : integration, IntegrationOrigin.API, Optional.empty());
        return valid(input, problems, valid);
    }

    /** A whole replacement (PUT: what is left out takes its default) or a partial one over {@code stored} (PATCH). */
    static Integration change(JsonMapper json, String body, Integration stored, boolean partial) {
        JsonBody input = JsonBody.parse(json, body, partial, MEMBERS);
        IntegrationInput members = partial ? members(input).over(stored) : members(input);
        Optional<Instant> pausedAt = stored.pausedAt();
        return valid(input, new ArrayList<>(), members.validate(stored.id(), stored.origin(), pausedAt));
    }

    private static Integration valid(JsonBody input, List<Violation> problems, Validated<Integration> valid) {
        problems.addAll(input.violations());
        problems.addAll(valid.violations());
        if (!problems.isEmpty()) {
            throw input.rejection(problems);
        }
        return valid.orElseThrow();
    }

    private static IntegrationInput members(JsonBody input) {
        return new IntegrationInput(
                Optional.ofNullable(input.string("gateway_url")),
                Optional.ofNullable(input.secret("key")),
                Optional.ofNullable(input.secret("next_key")),
                Optional.ofNullable(input.strings("webhook_secrets")),
                Optional.ofNullable(input.string("sync_interval")),
                Optional.ofNullable(input.integer("rate_per_minute")),
                Optional.ofNullable(input.integer("burst")),
                Optional.ofNullable(input.integer("background_reserve")),
                Optional.ofNullable(input.bool("enabled")));
    }

    private static Set<String> union(Set<String> members, String more) {
        Set<String> all = new java.util.HashSet<>(members);
        all.add(more);
        return Set.copyOf(all);
    }
}
