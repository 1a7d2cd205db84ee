package dev.piecewise.core.plugin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds plugin jars while tests run, with the JDK's own javac and jar tools: sources are compiled against the core
 * module the tests run with, so the jars load into layers over it exactly as real plugins do.
 */
public final class TestJars {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public\\s+)?(?:final\\s+)?(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);

    private TestJars() {
    }

    /** Where the modules the tests run with are: the core's classes and the slf4j jar. */
    static String modulePath() {
        return location("dev.piecewise.core") + java.io.File.pathSeparator + location("org.slf4j");
    }

    /**
     * Compiles several modules in one javac run (faster than one run each).
     *
     * @param modules each module's sources by module name; a module's sources include its module-info.java
     * @return the directory holding one directory of classes per module, named after it
     */
    static Path compileModules(Path work, Map<String, List<String>> modules) throws IOException {
        Path sources = Files.createDirectories(work.resolve("module-sources"));
        Path classes = Files.createDirectories(work.resolve("module-classes"));
        List<String> files = new ArrayList<>();
        for (var module : modules.entrySet()) {
            for (String source : module.getValue()) {
                files.add(write(sources.resolve(module.getKey()), source).toString());
            }
        }
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", classes.toString(),
                "--module-source-path", sources.toString(), "--module-path", modulePath()));
        args.addAll(files);
        run("javac", args);
        return classes;
    }

    /**
     * Compiles the module whose sources (module-info.java included) are under {@code sourceRoot}, recording
     * {@code version} in its descriptor.
     */
    public static Path compileModule(Path sourceRoot, Path classes, String version) throws IOException {
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", classes.toString(),
                "--module-path", modulePath(), "--module-version", version));
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
        }
        run("javac", args);
        return classes;
    }

    /**
     * Compiles sources as plain classes (no module) against the core, with extra javac options such as
     * {@code --patch-module}.
     */
    static Path compilePlain(Path work, List<String> sources, String... options) throws IOException {
        Path sourceDir = Files.createDirectories(work.resolve("sources"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", classes.toString(),
                "--class-path", modulePath()));
        args.addAll(List.of(options));
        for (String source : sources) {
            args.add(write(sourceDir, source).toString());
        }
        run("javac", args);
        return classes;
    }

    /** Declares service providers the way a plain jar does, in {@code META-INF/services}. */
    static void services(Path classes, Class<?> service, String... providers) throws IOException {
        Path file = Files.createDirectories(classes.resolve("META-INF/services")).resolve(service.getName());
        Files.writeString(file, String.join("\n", providers) + "\n");
    }

    /**
     * Packs classes into a jar; with a module-info.class it is a modular jar of that version.
     *
     * @param version the module version, or null for none
     */
    public static Path jar(Path classes, Path jarFile, String version) throws IOException {
        Files.createDirectories(jarFile.getParent());
        List<String> args = new ArrayList<>(List.of("--create", "--file", jarFile.toString()));
        if (version != null) {
            args.addAll(List.of("--module-version", version));
        }
        args.addAll(List.of("-C", classes.toString(), "."));
        run("jar", args);
        return jarFile;
    }

    private static Path write(Path root, String source) throws IOException {
        Path file;
        if (source.contains("module ") && !TYPE.matcher(source).find()) {
            file = root.resolve("module-info.java");
        } else {
            Matcher pkg = PACKAGE.matcher(source);
            Matcher type = TYPE.matcher(source);
            if (!pkg.find() || !type.find()) {
                throw new IllegalArgumentException("a test source needs a package and a top-level type:\n" + source);
            }
            file = root.resolve(pkg.group(1).replace('.', '/')).resolve(type.group(1) + ".java");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return file;
    }

    private static void run(String tool, List<String> args) {
        StringWriter output = new StringWriter();
        try (PrintWriter out = new PrintWriter(output)) {
            int status = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException("no " + tool))
                    .run(out, out, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException(tool + " failed (" + status + "):\n" + output);
            }
        }
    }

    private static String location(String module) {
        return ModuleLayer.boot().configuration().findModule(module).map(ResolvedModule::reference)
                .flatMap(reference -> reference.location()).map(Path::of).map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(module + " is not on the module path of the tests"));
    }

    /** Deletes a directory tree (for fixtures rebuilt in the same place). */
    static void deleteTree(Path top) throws IOException {
        if (Files.exists(top)) {
            try (Stream<Path> tree = Files.walk(top)) {
                for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
