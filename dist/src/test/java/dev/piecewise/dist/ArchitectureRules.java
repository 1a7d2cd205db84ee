package dev.piecewise.dist;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rules of the architecture, as ArchUnit rules over imported classes. Each rule is a function of what
 * it allows, so the tests can apply it both to the real jars (it must hold) and to classes built to break it (it must
 * fail).
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * The core depends only on itself, slf4j and the JDK: never on a plugin, the shell, JLine or logback.
     *
     * @param corePackages every package of the core module
     */
    static ArchRule coreIsSelfContained(Set<String> corePackages, Set<String> slf4jPackages, Set<String> jdkPackages) {
        return classes().should().onlyDependOnClassesThat(inPackages(union(corePackages, slf4jPackages, jdkPackages)))
                .as("the core depends only on itself, slf4j and the JDK (no plugin, shell, JLine or logback)");
    }

    /**
     * A plugin depends only on its own classes, the core's exported packages, slf4j and the JDK.
     *
     * @param ownPackages the packages of the plugin's own module
     */
    static ArchRule pluginUsesOnlyTheCoresExportsSlf4jAndTheJdk(String plugin, Set<String> ownPackages,
                                                                 Set<String> slf4jPackages, Set<String> jdkPackages) {
        return classes().should().onlyDependOnClassesThat(
                        inPackages(union(ownPackages, Distribution.CORE_EXPORTS, slf4jPackages, jdkPackages)))
                .as("plugin " + plugin + " depends only on itself, the core's exported packages, slf4j and the JDK");
    }

    /**
     * The shell talks to the core through its API only: nothing of the core's internals, and of the SPIs only the
     * types the API exposes.
     */
    static ArchRule shellUsesOnlyTheApi(Set<String> spiTypesTheApiExposes) {
        DescribedPredicate<JavaClass> unexposedSpi = resideInAPackage("dev.piecewise.spi..").and(DescribedPredicate
                .describe("not exposed by the API", type -> !spiTypesTheApiExposes.contains(type.getName())));
        return noClasses().should().dependOnClassesThat(resideInAPackage("dev.piecewise.core..").or(unexposedSpi))
                .as("the shell uses the core's API only (and the SPI types the API exposes: "
                        + String.join(", ", new TreeSet<>(spiTypesTheApiExposes)) + ")");
    }

    /**
     * The SPI types a user of the API can reach: those in the public signatures of the API's public types, and in
     * turn those in theirs ({@code PluginInfo.options()} exposes {@code OptionSpec}, which exposes its {@code Type}).
     */
    static Set<String> spiTypesExposedByTheApi(JavaClasses core) {
        Set<String> exposed = new HashSet<>();
        Deque<JavaClass> pending = new ArrayDeque<>();
        core.stream().filter(type -> type.getPackageName().startsWith("dev.piecewise.api")).forEach(pending::add);
        while (!pending.isEmpty()) {
            JavaClass type = pending.pop();
            if (!type.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            publicSignatureTypes(type)
                    .filter(used -> used.getPackageName().startsWith("dev.piecewise.spi"))
                    .filter(used -> exposed.add(used.getName()))
                    .forEach(pending::add);
        }
        return exposed;
    }

    private static Stream<JavaClass> publicSignatureTypes(JavaClass type) {
        Stream<JavaClass> members = type.getCodeUnits().stream()
                .filter(unit -> unit.getModifiers().contains(JavaModifier.PUBLIC))
                .flatMap(unit -> unit.getAllInvolvedRawTypes().stream());
        Stream<JavaClass> fields = type.getFields().stream()
                .filter(field -> field.getModifiers().contains(JavaModifier.PUBLIC))
                .flatMap(field -> field.getType().getAllInvolvedRawTypes().stream());
        return Stream.concat(members, fields).map(used -> used.isArray() ? used.getBaseComponentType() : used);
    }

    private static DescribedPredicate<JavaClass> inPackages(Set<String> packages) {
        // primitives and arrays of allowed types count as the JDK
        return resideInAnyPackage(packages.toArray(String[]::new))
                .or(DescribedPredicate.describe("primitive", JavaClass::isPrimitive))
                .or(DescribedPredicate.describe("array of allowed",
                        type -> type.isArray() && (type.getBaseComponentType().isPrimitive()
                                || packages.contains(type.getBaseComponentType().getPackageName()))));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
