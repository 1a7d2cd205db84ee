package dev.piecewise.api;

import dev.piecewise.spi.OptionSpec;

import java.util.List;

/**
 * One provider found in the plugins folder.
 *
 * @param kind        which SPI it implements
 * @param id          the id to pick it by
 * @param description one line
 * @param version     from its module descriptor or jar manifest
 * @param origin      the jar it came from (file name)
 * @param detail      what else matters for its kind: "modifier" for a strategy modifier, the URL schemes of a
 *                    tracker transport, empty otherwise
 * @param options     the options it accepts
 */
public record PluginInfo(PluginKind kind, String id, String description, String version, String origin,
                         String detail, List<OptionSpec> options) {

    public PluginInfo {
        options = List.copyOf(options);
    }
}
