package dev.fieldsync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasModifiers;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Dependency rules as plain functions of ArchUnit package patterns ({@code "com.acme.core.."}), so the same
 * rule can judge a real code base and a fixture that is meant to break it.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** Classes of {@code layer} depend only on classes of {@code layer} itself and of {@code allowed}. */
    public static ArchRule dependsOnlyOn(String layer, String... allowed) {
        String[] permitted = concat(layer, allowed);
        return classes()
                .that()
                .resideInAPackage(layer)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(permitted)
                .as(String.format("classes in %s should only depend on %s", layer, Arrays.toString(permitted)));
    }

    /**
     * Within {@code project}, classes of {@code layer} depend only on {@code layer} and {@code allowed};
     * libraries outside the project are not judged (an adapter may use its own libraries).
     */
    public static ArchRule dependsInsideProjectOnlyOn(String project, String layer, String... allowed) {
        String[] permitted = concat(layer, allowed);
        DescribedPredicate<JavaClass> elsewhereInProject = resideInAPackage(project)
                .and(DescribedPredicate.not(resideInAnyPackage(permitted)))
                .as(String.format("reside in %s outside %s", project, Arrays.toString(permitted)));
        return noClasses()
                .that()
                .resideInAPackage(layer)
                .should()
                .dependOnClassesThat(elsewhereInProject)
                .as(String.format(
                        "inside %s, classes in %s should only depend on %s",
                        project, layer, Arrays.toString(permitted)));
    }

    /** No class of any of {@code layers} depends on a class of any of {@code forbidden}. */
    public static ArchRule dependOnNoneOf(List<String> layers, List<String> forbidden) {
        return noClasses()
                .that()
                .resideInAnyPackage(layers.toArray(String[]::new))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .as(String.format("classes in %s should not depend on %s", layers, forbidden));
    }

    /** No class outside {@code layer}, but inside {@code project}, depends on {@code layer}. */
    public static ArchRule usedOnlyFromItself(String project, String layer) {
        return noClasses()
                .that()
                .resideInAPackage(project)
                .and()
                .resideOutsideOfPackage(layer)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(layer)
                .as(String.format("no class in %s outside %s should depend on %s", project, layer, layer));
    }

    /**
     * {@code hidden} (a module's internal packages) is used, inside {@code project}, only by classes of
     * {@code owner} (the module).
     */
    public static ArchRule usedOnlyWithin(String project, String owner, String hidden) {
        return noClasses()
                .that()
                .resideInAPackage(project)
                .and()
                .resideOutsideOfPackage(owner)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(hidden)
                .as(String.format("no class in %s outside %s should depend on %s", project, owner, hidden));
    }

    /**
     * The public and protected methods and constructors of the public classes of {@code layer} outside
     * {@code hidden} take and return no type of {@code hidden}: what a caller can reach never hands it an
     * internal type.
     */
    public static ArchRule exposesNoTypeOf(String layer, String... hidden) {
        DescribedPredicate<JavaClass> inHidden = resideInAnyPackage(hidden);
        ArchCondition<JavaCodeUnit> mentionsNoHiddenType =
                new ArchCondition<>(String.format("take and return no type of %s", Arrays.toString(hidden))) {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                                .filter(inHidden)
                                .forEach(type -> events.add(SimpleConditionEvent.violated(
                                        unit, String.format("%s exposes %s", unit.getFullName(), type.getName()))));
                    }
                };
        DescribedPredicate<JavaClass> supportedClass = resideInAPackage(layer)
                .and(DescribedPredicate.not(inHidden))
                .and(HasModifiers.Predicates.modifier(JavaModifier.PUBLIC));
        // Both typed on JavaCodeUnit: DescribedPredicate's instance and() needs that (with unrelated types the
        // static and(...) would be chosen, silently dropping the receiver).
        DescribedPredicate<JavaCodeUnit> ownedBySupportedClass = DescribedPredicate.describe(
                "declared in a public class of " + layer + " outside " + Arrays.toString(hidden),
                unit -> supportedClass.test(unit.getOwner()));
        DescribedPredicate<JavaCodeUnit> reachable = DescribedPredicate.describe(
                "public or protected",
                unit -> unit.getModifiers().contains(JavaModifier.PUBLIC)
                        || unit.getModifiers().contains(JavaModifier.PROTECTED));
        return ArchRuleDefinition.codeUnits()
                .that(ownedBySupportedClass.and(reachable))
                .should(mentionsNoHiddenType)
                .allowEmptyShould(true)
                .as(String.format(
                        "public members of %s outside %s should expose no type of them",
                        layer, Arrays.toString(hidden)));
    }

    /** The slices cut by {@code slicePattern} (one capture group, e.g. {@code "com.acme.adapters.(*).."}) are independent. */
    public static ArchRule slicesIndependent(String slicePattern) {
        return slices().matching(slicePattern)
                .should()
                .notDependOnEachOther()
                .as(String.format("slices %s should not depend on each other", slicePattern));
    }

    /** The slices cut by {@code slicePattern} ({@code "com.acme.(*).."} per module, {@code "com.acme.(**)"} per package) form no cycle. */
    public static ArchRule freeOfCycles(String slicePattern) {
        return slices().matching(slicePattern)
                .should()
                .beFreeOfCycles()
                .as(String.format("slices %s should be free of cycles", slicePattern));
    }

    private static String[] concat(String first, String... rest) {
        return Stream.concat(Stream.of(first), Arrays.stream(rest)).toArray(String[]::new);
    }
}
