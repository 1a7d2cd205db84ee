package dev.piecewise.plugin.trackerhttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an answer body up to a cap, streaming: past the cap it stops reading and the connection is dropped, so
 * a tracker cannot make us buffer more than the cap. A declared length over the cap fails before any byte is read.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body was longer than the cap. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final int cap;
    private final OptionalLong declaredLength;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private CappedBody(int cap, OptionalLong declaredLength) {
        this.cap = cap;
        this.declaredLength = declaredLength;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int cap) {
        return info -> new CappedBody(cap, info.headers().firstValueAsLong("Content-Length"));
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (declaredLength.isPresent() && declaredLength.getAsLong() > cap) {
            fail("the answer is " + declaredLength.getAsLong() + " bytes long, over the limit of " + cap);
            return;
        }
        newSubscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (body.isDone()) {
                return;
            }
            if (received.size() + (long) buffer.remaining() > cap) {
                fail("the answer is longer than the limit of " + cap + " bytes");
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    private void fail(String why) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(why));
    }
}
