package dev.fieldsync.app.rest;

import dev.fieldsync.domain.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Ends a request whose body has shape errors with one 400 that lists them and every rule broken besides. */
final class BodyProblems {
    private BodyProblems() {}

    static void requireNone(JsonBody input) {
        requireNone(input, List::of);
    }

    /**
     * With shape errors (malformed JSON, wrong types, unknown members) the domain's rules are checked too, on
     * what could be read, so that one answer lists every field error; a field is reported once.
     */
    static void requireNone(JsonBody input, Supplier<List<Violation>> rules) {
        if (input.violations().isEmpty()) {
            return;
        }
        List<Violation> all = new ArrayList<>(input.violations());
        Set<String> reported = new HashSet<>();
        all.forEach(v -> reported.add(v.field()));
        for (Violation rule : rules.get()) {
            if (reported.add(rule.field())) {
                all.add(rule);
            }
        }
        throw input.rejection(all);
    }
}
