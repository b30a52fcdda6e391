package dev.fieldsync.domain.validation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Either a valid value or every violation found (never only the first). */
public final class Validated<T> {
    private final T value;
    private final List<Violation> violations;

    private Validated(T value, List<Violation> violations) {
        this.value = value;
        this.violations = List.copyOf(violations);
    }

    public static <T> Validated<T> valid(T value) {
        return new Validated<>(java.util.Objects.requireNonNull(value, "value"), List.of());
    }

    public static <T> Validated<T> invalid(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one violation");
        }
        return new Validated<>(null, violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** The value; throws {@link InvalidInputException} listing the violations when invalid. */
    public T orElseThrow() {
        if (!isValid()) {
            throw new InvalidInputException(violations);
        }
        return value;
    }

    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    public List<Violation> violations() {
        return violations;
    }

    public <R> Validated<R> map(Function<? super T, ? extends R> mapper) {
        return isValid() ? Validated.valid(mapper.apply(value)) : Validated.invalid(violations);
    }

    @Override
    public String toString() {
        return isValid() ? "Valid[" + value + "]" : "Invalid" + violations;
    }

    /** Thrown by {@link #orElseThrow()}; carries every violation. */
    public static final class InvalidInputException extends IllegalArgumentException {
        private final transient List<Violation> violations;

        public InvalidInputException(List<Violation> violations) {
            super(describe(violations));
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }

        private static String describe(List<Violation> violations) {
            StringBuilder text = new StringBuilder(violations.size() + " problem(s):");
            violations.forEach(v -> text.append("\n  - ").append(v));
            return text.toString();
        }
    }
}
