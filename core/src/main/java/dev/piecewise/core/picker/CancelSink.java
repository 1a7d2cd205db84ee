package dev.piecewise.core.picker;

/**
 * Where {@link PiecePicker#received} puts the requests for the same block still outstanding at other peers: they are
 * already taken off the picker's books, and the engine should send each a cancel.
 */
@FunctionalInterface
public interface CancelSink {

    CancelSink NONE = (peer, piece, begin, length) -> { };

    /** Send {@code peer} a cancel for {@code length} bytes of {@code piece} from {@code begin}. Must not throw. */
    void cancel(PickerPeer peer, int piece, int begin, int length);
}
