package dev.piecewise.core.picker;

/** Where {@link PiecePicker#pick} puts the block requests to send to the peer it picked for. */
@FunctionalInterface
public interface RequestSink {

    /** Send a request for {@code length} bytes of {@code piece} from {@code begin}. Must not throw. */
    void request(int piece, int begin, int length);
}
