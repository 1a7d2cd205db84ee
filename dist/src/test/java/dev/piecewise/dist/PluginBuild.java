package dev.piecewise.dist;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds plugins while the tests run, with the JDK's javac and jar tools: the example plugin exactly as
 * modules-info-docs/plugins.md tells a plugin author to, and small classes that break the architecture on purpose.
 */
final class PluginBuild {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern CLASS = Pattern.compile("^public final class (\\w+)", Pattern.MULTILINE);

    private PluginBuild() {
    }

    /**
     * The example plugin as the docs build it: {@code javac --release 21 --module-path dist/target/modules
     * --module-version 1.0.0 -d classes $(find src -name '*.java')} then {@code jar --create --file x.jar -C classes .}.
     */
    static Path example(Path work) throws IOException {
        Path sources = Distribution.docs().resolve("example-strategy/src/main/java");
        Path classes = work.resolve("example-classes");
        List<String> javac = new ArrayList<>(List.of("--release", "21", "--module-path",
                Distribution.modules().toString(), "--module-version", "1.0.0", "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).forEach(javac::add);
        }
        run("javac", javac);
        Path jar = work.resolve("reverse-order-strategy.jar");
        run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
        return jar;
    }

    /**
     * Compiles classes on the class path (where module boundaries do not stop javac) against the given jars and
     * directories, so that a test can build a class that breaks a rule.
     *
     * @return the directory of class files
     */
    static Path compile(Path work, List<Path> classPath, String... sources) throws IOException {
        Path sourceDir = work.resolve("sources");
        Path classes = work.resolve("classes");
        List<String> javac = new ArrayList<>(List.of("--release", "21", "-d", classes.toString(), "--class-path",
                String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList())));
        for (String source : sources) {
            Matcher pkg = PACKAGE.matcher(source);
            Matcher type = CLASS.matcher(source);
            if (!pkg.find() || !type.find()) {
                throw new IllegalArgumentException("a test source needs a package and a public final class");
            }
            Path file = sourceDir.resolve(pkg.group(1).replace('.', '/')).resolve(type.group(1) + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            javac.add(file.toString());
        }
        run("javac", javac);
        return classes;
    }

    private static void run(String tool, List<String> args) {
        StringWriter output = new StringWriter();
        try (PrintWriter out = new PrintWriter(output)) {
            int status = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException("no " + tool))
                    .run(out, out, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException(tool + " " + String.join(" ", args) + " failed:\n" + output);
            }
        }
    }
}
