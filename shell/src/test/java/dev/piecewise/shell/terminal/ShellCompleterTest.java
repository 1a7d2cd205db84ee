package dev.piecewise.shell.terminal;

import dev.piecewise.shell.commands.Commands;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completion that needs no client: commands, sub-commands, options and paths. */
class ShellCompleterTest {

    @TempDir
    Path temp;

    private List<String> complete(String line) {
        var parsed = new ShellParser().parse(line, line.length(), null);
        var candidates = new ArrayList<Candidate>();
        new ShellCompleter(Commands.all(), Optional::empty, temp)
                .complete(parsed.words(), parsed.wordIndex(), parsed.word(), candidates);
        return candidates.stream().map(Candidate::value).sorted().toList();
    }

    @Test
    void theFirstWordCompletesToCommandsAndAliases() {
        List<String> all = complete("");
        assertTrue(all.containsAll(List.of("add", "help", "list", "plugins", "quit", "exit", "strategy")), all.toString());
        assertEquals(all, complete("list; "), "after a separator a new command starts");
    }

    @Test
    void optionsCompleteAfterADash() {
        assertEquals(List.of("--choking", "--dir", "--strategy"), complete("add x.torrent --"));
        assertEquals(List.of("--delete-data"), complete("remove ab --d"));
    }

    @Test
    void subCommandsAndCommandNamesComplete() {
        assertEquals(List.of("reload"), complete("plugins "));
        assertTrue(complete("help ").contains("wait"));
        assertEquals(List.of(), complete("plugins reload "), "nothing follows reload");
    }

    @Test
    void pathsCompleteWithDirectoriesOpenForMore() throws IOException {
        Files.createDirectories(temp.resolve("downloads/inner"));
        Files.writeString(temp.resolve("ubuntu.torrent"), "d");
        Files.writeString(temp.resolve(".hidden"), "d");
        assertEquals(List.of("downloads/", "ubuntu.torrent"), complete("add "));
        assertEquals(List.of("downloads/inner/"), complete("add u.torrent --dir downloads/"));
        assertEquals(List.of("downloads/"), complete("add x --dir "), "only directories for --dir");
        assertEquals(List.of(".hidden"), complete("add ."));
    }

    @Test
    void aDirectoryCandidateIsNotFinishedSoTypingCanGoOn() throws IOException {
        Files.createDirectories(temp.resolve("d"));
        var parsed = new ShellParser().parse("add ", 4, null);
        var candidates = new ArrayList<Candidate>();
        new ShellCompleter(Commands.all(), Optional::empty, temp)
                .complete(parsed.words(), parsed.wordIndex(), parsed.word(), candidates);
        assertFalse(candidates.getFirst().complete());
    }

    @Test
    void withoutAClientThereAreNoIdsToOfferAndNothingBreaks() {
        assertEquals(List.of(), complete("status "));
        assertEquals(List.of(), complete("strategy ra"));
        assertEquals(List.of(), complete("strategy rarest fi"));
    }
}
