package dev.piecewise.core.picker;

import java.util.ArrayList;
import java.util.List;

/** Collects the requests a pick hands out, for tests. */
final class Requests implements RequestSink {

    record Request(int piece, int begin, int length) {
        int block() {
            return begin / dev.piecewise.spi.strategy.PieceView.BLOCK_SIZE;
        }
    }

    final List<Request> list = new ArrayList<>();

    @Override
    public void request(int piece, int begin, int length) {
        list.add(new Request(piece, begin, length));
    }

    List<Integer> pieces() {
        return list.stream().map(Request::piece).distinct().toList();
    }

    /** Requests up to {@code budget} blocks from {@code peer} and returns them. */
    static List<Request> pick(PiecePicker picker, PickerPeer peer, int budget) {
        var requests = new Requests();
        int count = picker.pick(peer, budget, requests);
        if (count != requests.list.size()) {
            throw new AssertionError("pick returned " + count + " but handed out " + requests.list.size());
        }
        return requests.list;
    }
}
