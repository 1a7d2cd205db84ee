package dev.piecewise.shell.terminal;

import dev.piecewise.api.Client;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandRegistry;
import dev.piecewise.shell.command.Option;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;
import dev.piecewise.spi.OptionSpec;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tab completion from each command's {@link Syntax}: command names, sub-commands, option names, torrent ids, plugin
 * ids (strategy specs with their {@code +} modifiers), a plugin's option keys ({@code first=}) and file paths.
 */
public final class ShellCompleter implements Completer {

    private static final Logger log = LoggerFactory.getLogger(ShellCompleter.class);

    private final CommandRegistry commands;
    private final Supplier<Optional<Client>> client;
    private final Path workingDirectory;

    public ShellCompleter(CommandRegistry commands, Supplier<Optional<Client>> client, Path workingDirectory) {
        this.commands = commands;
        this.client = client;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            complete(line.words(), line.wordIndex(), line.word(), candidates);
        } catch (RuntimeException e) {
            // completion must never break the line being typed; the client may be busy or not running
            log.debug("completion failed for '{}'", line.line(), e);
        }
    }

    void complete(List<String> words, int index, String current, List<Candidate> candidates) {
        if (index == 0) {
            commandNames(candidates);
            return;
        }
        Optional<Command> command = commands.find(words.getFirst());
        if (command.isEmpty()) {
            return;
        }
        Syntax syntax = command.get().syntax();
        List<String> before = words.subList(1, index);
        Syntax.Expectation expected = syntax.expect(before);
        if (expected.option().isPresent()) {
            values(expected.option().get().kind(), List.of(), current, candidates);
            return;
        }
        if (current.startsWith("-")) {
            for (Option o : syntax.options()) {
                candidates.add(new Candidate("--" + o.name(), "--" + o.name(), null, o.help(), null, null, true));
            }
            return;
        }
        expected.parameter().ifPresent(p -> values(p.kind(), p.choices(), current, candidates));
        syntax.keyValuesOf().ifPresent(p -> optionKeys(p, syntax, before, current, candidates));
    }

    private void commandNames(List<Candidate> candidates) {
        for (String word : commands.words()) {
            String summary = commands.find(word).map(Command::summary).orElse(null);
            candidates.add(new Candidate(word, word, null, summary, null, null, true));
        }
    }

    private void values(ValueKind kind, List<String> choices, String current, List<Candidate> candidates) {
        switch (kind) {
            case CHOICE -> choices.forEach(c -> candidates.add(new Candidate(c)));
            case COMMAND -> commandNames(candidates);
            case TORRENT -> client.get().ifPresent(c -> torrentIds(c, candidates));
            case STRATEGY -> client.get().ifPresent(c -> strategySpecs(c, current, candidates));
            case CHOKING -> client.get().ifPresent(c -> pluginIds(c.plugins().list(PluginKind.CHOKING), "",
                    candidates));
            case FILE -> PathCompletion.complete(workingDirectory, current, false, candidates);
            case DIRECTORY -> PathCompletion.complete(workingDirectory, current, true, candidates);
            case NUMBER, TEXT -> {
            }
        }
    }

    private static void torrentIds(Client client, List<Candidate> candidates) {
        for (TorrentHandle t : client.torrents()) {
            candidates.add(new Candidate(t.id(), t.id(), null, t.name(), null, null, true));
        }
    }

    /** A base strategy first; after a {@code +}, the modifiers, keeping what was typed before. */
    private static void strategySpecs(Client client, String current, List<Candidate> candidates) {
        List<PluginInfo> strategies = client.plugins().list(PluginKind.STRATEGY);
        int plus = current.lastIndexOf('+');
        if (plus < 0) {
            pluginIds(strategies.stream().filter(p -> !isModifier(p)).toList(), "", candidates);
        } else {
            pluginIds(strategies.stream().filter(ShellCompleter::isModifier).toList(), current.substring(0, plus + 1),
                    candidates);
        }
    }

    private static boolean isModifier(PluginInfo p) {
        return p.detail().equals("modifier");
    }

    private static void pluginIds(List<PluginInfo> plugins, String prefix, List<Candidate> candidates) {
        for (PluginInfo p : plugins) {
            candidates.add(new Candidate(prefix + p.id(), p.id(), null, p.description(), null, null, true));
        }
    }

    /** {@code first=} and the like, from the options of the plugins the spec already typed names. */
    private void optionKeys(Parameter specParameter, Syntax syntax, List<String> before, String current,
                            List<Candidate> candidates) {
        Optional<Client> running = client.get();
        int specIndex = syntax.parameters().indexOf(specParameter);
        Optional<String> spec = syntax.positionalWords(before).stream().skip(specIndex).findFirst();
        if (running.isEmpty() || spec.isEmpty() || current.contains("=")) {
            return;
        }
        PluginKind kind = specParameter.kind() == ValueKind.STRATEGY ? PluginKind.STRATEGY : PluginKind.CHOKING;
        List<PluginInfo> named;
        try {
            named = running.get().plugins().resolve(kind, spec.get());
        } catch (PiecewiseException unknownOrAmbiguous) {
            return; // nothing to offer; the command itself will explain when it runs
        }
        for (PluginInfo p : named) {
            for (OptionSpec o : p.options()) {
                String key = o.key() + "=";
                candidates.add(new Candidate(key, key, null, o.description() + " (default " + o.defaultText() + ")",
                        null, null, false));
            }
        }
    }
}
