package dev.piecewise.core.picker;

/**
 * Told when we become interested or not interested in a peer (it has, or no longer has, a piece we need), so that the
 * engine sends {@code interested} or {@code not interested}. Called under the torrent's lock; must not block.
 */
@FunctionalInterface
public interface InterestListener {

    InterestListener NONE = (peer, interested) -> { };

    void interestChanged(PickerPeer peer, boolean interested);
}
