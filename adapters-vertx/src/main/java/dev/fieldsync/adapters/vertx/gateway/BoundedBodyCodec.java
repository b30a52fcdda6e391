package dev.fieldsync.adapters.vertx.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Collects a response body up to a limit (measured after gzip decompression). Beyond it the body is
 * drained and dropped, keeping only its start for an error snippet, so memory stays bounded and the
 * status stays known.
 */
final class BoundedBodyCodec implements BodyCodec<BoundedBodyCodec.BoundedBody> {
    private static final int KEPT_WHEN_OVERFLOWING = 1024;

    /** The body, or its first bytes when {@code overflowed}. */
    record BoundedBody(Buffer bytes, boolean overflowed, long totalBytes) {}

    private final long limit;

    BoundedBodyCodec(long limit) {
        this.limit = limit;
    }

    @Override
    public BodyStream<BoundedBody> stream() {
        return new Collector(limit);
    }

    private static final class Collector implements BodyStream<BoundedBody> {
        private final long limit;
        private final Promise<BoundedBody> result = Promise.promise();
        private Buffer buffer = Buffer.buffer();
        private long total;
        private boolean overflowed;

        Collector(long limit) {
            this.limit = limit;
        }

        @Override
        public Future<BoundedBody> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            total += data.length();
            if (!overflowed) {
                if (total > limit) {
                    overflowed = true;
                    Buffer start = buffer.appendBuffer(data);
                    buffer = start.getBuffer(0, Math.min(start.length(), KEPT_WHEN_OVERFLOWING));
                } else {
                    buffer.appendBuffer(data);
                }
            }
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            result.tryComplete(new BoundedBody(buffer, overflowed, total));
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
