package dev.fieldsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real code base: every module's production classes under {@code dev.fieldsync} (test classes excluded,
 * so tests may use adapters-memory and the sandbox) follow every rule.
 */
class FieldsyncArchitectureTest {
    private static final FieldsyncArchitecture RULES = FieldsyncArchitecture.under("dev.fieldsync");
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fieldsync");

    static Stream<Arguments> rules() {
        return RULES.all().entrySet().stream().map(rule -> Arguments.of(rule.getKey(), rule.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theCodeBaseFollows(String name, ArchRule rule) {
        rule.check(PRODUCTION); // throws an AssertionError listing every violation
    }

    /** Guards against a vacuous pass: every module with code is imported. */
    @Test
    void everyModuleWithCodeIsImported() {
        for (String module : List.of(
                "dev.fieldsync.domain",
                "dev.fieldsync.ports",
                "dev.fieldsync.application",
                "dev.fieldsync.adapters.memory",
                "dev.fieldsync.adapters.vertx",
                "dev.fieldsync.adapters.persistence",
                "dev.fieldsync.adapters.rabbitmq",
                "dev.fieldsync.sandbox",
                "dev.fieldsync.app")) {
            assertThat(PRODUCTION.stream()
                            .map(JavaClass::getPackageName)
                            .filter(p -> p.equals(module) || p.startsWith(module + "."))
                            .count())
                    .as("classes imported from %s", module)
                    .isPositive();
        }
    }

    @Test
    void testClassesAndFixturesAreNotJudged() {
        assertThat(PRODUCTION.stream().map(JavaClass::getName))
                .noneMatch(name -> name.startsWith("dev.fieldsync.architecture.fixtures"))
                .noneMatch(name -> name.endsWith("Test"));
    }
}
