package dev.piecewise.plugin.endgame;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.strategy.StrategyContext;

import java.util.List;

/** Provides the {@code end-game} modifier ({@code rarest-first+end-game}). */
public final class EndGameProvider implements PieceStrategyProvider {

    static final String PER_BLOCK = "per-block";
    static final String PER_PEER = "per-peer";

    @Override
    public String id() {
        return "end-game";
    }

    @Override
    public String description() {
        return "once every missing block is requested, requests the outstanding ones from other peers too";
    }

    @Override
    public boolean modifier() {
        return true;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.integer(PER_BLOCK, 2, 2, 16,
                        "how many peers one block may be requested from at once in end-game"),
                OptionSpec.integer(PER_PEER, 16, 1, 1024,
                        "how many duplicate requests may be outstanding at one peer"));
    }

    @Override
    public PieceStrategy create(StrategyContext context) {
        PieceStrategy base = context.base().orElseThrow(() -> new IllegalArgumentException(
                "end-game is a modifier and needs a base strategy, as in rarest-first+end-game"));
        return new EndGameStrategy(base, (int) context.options().integer(PER_BLOCK),
                (int) context.options().integer(PER_PEER));
    }
}
