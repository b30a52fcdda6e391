package dev.fieldsync.app.config;

import dev.fieldsync.domain.sync.SweepSettings;
import java.util.Optional;

/** Reads {@code fieldsync.sweep.*}: the verification sweep's schedule, gone guard and adaptive overlap. */
final class SweepSettingsReader {
    private final PropertyValues values;

    SweepSettingsReader(PropertyValues values) {
        this.values = values;
    }

    SweepSettings read() {
        SweepSettings defaults = SweepSettings.DEFAULTS;
        return new SweepSettings(
                values.bool("fieldsync.sweep.enabled", defaults.enabled()),
                values.positiveDuration("fieldsync.sweep.interval", defaults.interval()),
                share("fieldsync.sweep.gone-guard-share", defaults.goneGuardShare()),
                values.bool("fieldsync.sweep.adaptive-overlap", defaults.adaptiveOverlap()),
                values.notNegativeDuration("fieldsync.sweep.overlap-cap", defaults.overlapCap()));
    }

    private double share(String property, double fallback) {
        Optional<String> value = values.raw(property);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.get());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // named below
        }
        throw new ConfigurationProblem(
                property, "is '" + value.get() + "', not a share", "use a number from 0 to 1, e.g. 0.10 for 10 %");
    }
}
