package dev.piecewise.shell.commands;

import dev.piecewise.api.Client;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentHandle;

import java.util.Map;

/** {@code choking}: list, choose and configure choking policies. */
final class ChokingCommand extends PluginChoiceCommand {

    ChokingCommand() {
        super(PluginKind.CHOKING, "choking policy");
    }

    @Override
    public String summary() {
        return "list choking policies, or choose one for new torrents (or one torrent with --torrent)";
    }

    @Override
    public String details() {
        return """
                Unique prefixes are accepted: choking tit. Options follow as key=value
                (choking tit-for-tat slots=6); choking <id> --help lists them. A switch takes effect at once.""";
    }

    @Override
    Selection current(Client client) {
        return client.defaultChoking();
    }

    @Override
    Selection setDefault(Client client, String spec, Map<String, String> options) {
        return client.setDefaultChoking(spec, options);
    }

    @Override
    Selection set(TorrentHandle torrent, String spec, Map<String, String> options) {
        return torrent.setChoking(spec, options);
    }
}
