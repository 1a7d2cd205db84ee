package dev.piecewise.shell.commands;

import dev.piecewise.api.Client;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentHandle;

import java.util.Map;

/** {@code strategy}: list, choose and configure piece-selection strategies. */
final class StrategyCommand extends PluginChoiceCommand {

    StrategyCommand() {
        super(PluginKind.STRATEGY, "strategy");
    }

    @Override
    public String summary() {
        return "list piece-selection strategies, or choose one for new torrents (or one torrent with --torrent)";
    }

    @Override
    public String details() {
        return """
                A spec is a base strategy, optionally followed by modifiers joined with '+', for example
                rarest-first+end-game. Unique prefixes are accepted: strategy rarest+end.
                Options follow as key=value (strategy random-first first=8); strategy <spec> --help lists them.
                A switch during a download takes effect at the next pick; nothing already requested is lost.""";
    }

    @Override
    Selection current(Client client) {
        return client.defaultStrategy();
    }

    @Override
    Selection setDefault(Client client, String spec, Map<String, String> options) {
        return client.setDefaultStrategy(spec, options);
    }

    @Override
    Selection set(TorrentHandle torrent, String spec, Map<String, String> options) {
        return torrent.setStrategy(spec, options);
    }
}
