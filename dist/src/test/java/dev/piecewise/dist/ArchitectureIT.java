package dev.piecewise.dist;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture, checked on the jars of the assembled distribution: each rule must hold for the real jars and must
 * fail for classes built on purpose to break it, so that no rule passes for want of anything to check.
 */
class ArchitectureIT {

    @TempDir
    static Path work;

    private static Set<String> slf4j;
    private static Set<String> jdk;
    private static JavaClasses core;
    private static Path example;

    @BeforeAll
    static void importTheDistribution() throws IOException {
        slf4j = Distribution.exportedPackages(Distribution.descriptor(Distribution.modules().resolve("slf4j-api.jar")));
        jdk = Distribution.jdkPackages();
        core = importJar(Distribution.coreJar());
        example = PluginBuild.example(work.resolve("example"));
    }

    @Test
    void theCoreDependsOnNoPluginShellJLineOrLogback() {
        coreRule().check(core);
    }

    @Test
    void theCoreRuleCatchesACoreClassThatReachesForTheShellJLineLogbackOrAPlugin() throws IOException {
        Path leak = PluginBuild.compile(work.resolve("core-leak"),
                List.of(Distribution.coreJar(), Distribution.shellJar(), module("jline-reader.jar"),
                        module("logback-classic.jar"), example),
                """
                package dev.piecewise.core;

                public final class LeakyWiring {
                    Object shell() { return dev.piecewise.shell.Main.class; }
                    Object jline(org.jline.reader.LineReader reader) { return reader; }
                    Object logback(ch.qos.logback.classic.Logger logger) { return logger; }
                    Object plugin() { return new org.example.reverse.ReverseOrderProvider(); }
                }
                """);

        String report = violations(coreRule(), new ClassFileImporter().importPath(leak));

        for (String target : List.of("dev.piecewise.shell.Main", "org.jline.reader.LineReader",
                "ch.qos.logback.classic.Logger", "org.example.reverse.ReverseOrderProvider")) {
            assertTrue(report.contains(target), "not caught: " + target + "\n" + report);
        }
    }

    @Test
    void everyPluginDependsOnlyOnTheCoresExportsSlf4jAndTheJdk() {
        List<Path> plugins = new ArrayList<>(Distribution.pluginJars());
        plugins.add(example); // so the rule is exercised on a real plugin even before built-in plugins exist
        for (Path plugin : plugins) {
            JavaClasses classes = importJar(plugin);
            pluginRule(plugin, classes).check(classes);
        }
    }

    @Test
    void thePluginRuleCatchesAPluginThatReachesIntoTheCoreOrBeyond() throws IOException {
        Path bad = PluginBuild.compile(work.resolve("plugin-leak"),
                List.of(Distribution.coreJar(), module("jline-reader.jar"), module("slf4j-api.jar")),
                """
                package org.example.bad;

                public final class Overreach {
                    Object internals() { return dev.piecewise.core.Session.class; }
                    Object terminal(org.jline.reader.LineReader reader) { return reader; }
                    Object allowed(dev.piecewise.spi.strategy.PieceView view, java.util.List<String> list) {
                        org.slf4j.LoggerFactory.getLogger(Overreach.class).info("{}", list);
                        return view;
                    }
                }
                """);
        JavaClasses classes = new ClassFileImporter().importPath(bad);

        String report = violations(pluginRule(bad, classes), classes);

        assertTrue(report.contains("dev.piecewise.core.Session") && report.contains("org.jline.reader.LineReader"),
                report);
        assertTrue(!report.contains("PieceView") && !report.contains("org.slf4j") && !report.contains("java.util"),
                "allowed dependencies reported:\n" + report);
    }

    @Test
    void theShellUsesTheCoresApiOnly() {
        shellRule().check(importJar(Distribution.shellJar()));
    }

    @Test
    void theSpiTypesTheApiExposesAreTheOptionSpecs() {
        assertEquals(Set.of("dev.piecewise.spi.OptionSpec", "dev.piecewise.spi.OptionSpec$Type"),
                ArchitectureRules.spiTypesExposedByTheApi(core));
    }

    @Test
    void theShellRuleCatchesAShellClassThatUsesCoreInternalsOrUnexposedSpiTypes() throws IOException {
        Path bad = PluginBuild.compile(work.resolve("shell-leak"), List.of(Distribution.coreJar()),
                """
                package dev.piecewise.shell;

                public final class Shortcut {
                    Object internals() { return dev.piecewise.core.Session.class; }
                    Object spi(dev.piecewise.spi.strategy.PieceStrategy strategy) { return strategy; }
                    Object allowed(dev.piecewise.api.Client client, dev.piecewise.spi.OptionSpec option) {
                        return client.plugins().list().getFirst().options().contains(option);
                    }
                }
                """);

        String report = violations(shellRule(), new ClassFileImporter().importPath(bad));

        assertTrue(report.contains("dev.piecewise.core.Session")
                && report.contains("dev.piecewise.spi.strategy.PieceStrategy"), report);
        assertTrue(!report.contains("OptionSpec") && !report.contains("dev.piecewise.api.Client"),
                "allowed dependencies reported:\n" + report);
    }

    private static ArchRule coreRule() {
        Set<String> corePackages = core.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        corePackages.addAll(Distribution.descriptor(Distribution.coreJar()).packages());
        return ArchitectureRules.coreIsSelfContained(corePackages, slf4j, jdk);
    }

    private static ArchRule pluginRule(Path plugin, JavaClasses classes) {
        Set<String> own = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        return ArchitectureRules.pluginUsesOnlyTheCoresExportsSlf4jAndTheJdk(plugin.getFileName().toString(), own,
                slf4j, jdk);
    }

    private static ArchRule shellRule() {
        return ArchitectureRules.shellUsesOnlyTheApi(ArchitectureRules.spiTypesExposedByTheApi(core));
    }

    /** The violations a rule finds, one a line; fails the test if it finds none. */
    private static String violations(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), "the rule missed a real violation: " + rule.getDescription());
        return String.join("\n", result.getFailureReport().getDetails());
    }

    private static JavaClasses importJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return new ClassFileImporter().importJar(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path module(String jar) {
        return Distribution.modules().resolve(jar);
    }
}
