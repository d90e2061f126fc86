package dev.photo.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body read from a {@link FileSlice} on demand, one chunk per {@code request(1)}, so that at most the
 * chunks the HTTP client has asked for and not yet written are in memory, whatever the slice's length. A file that
 * has shrunk since it was hashed fails the body (the declared length can no longer be met).
 */
final class FileSlicePublisher implements HttpRequest.BodyPublisher {

    static final int CHUNK = 256 * 1024;

    private final FileSlice slice;

    FileSlicePublisher(FileSlice slice) {
        this.slice = slice;
    }

    @Override
    public long contentLength() {
        return slice.length();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        FileChannel channel;
        try {
            channel = FileChannel.open(slice.file(), StandardOpenOption.READ);
        } catch (IOException e) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(e);
            return;
        }
        Subscription subscription = new Subscription(channel, subscriber);
        subscriber.onSubscribe(subscription);
    }

    private final class Subscription implements Flow.Subscription {

        private final FileChannel channel;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private final AtomicBoolean done = new AtomicBoolean();
        private long position;

        Subscription(FileChannel channel, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.channel = channel;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("request(" + n + ")"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                close();
            }
        }

        /** Emits while there is demand; a request made from inside onNext only adds demand (no recursion). */
        private void drain() {
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done.get() && demand.get() > 0) {
                    long remaining = slice.length() - position;
                    if (remaining == 0) {
                        if (done.compareAndSet(false, true)) {
                            close();
                            subscriber.onComplete();
                        }
                        return;
                    }
                    ByteBuffer chunk;
                    try {
                        chunk = read((int) Math.min(CHUNK, remaining));
                    } catch (IOException e) {
                        fail(e);
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(chunk);
                }
            } while (draining.decrementAndGet() != 0);
        }

        private ByteBuffer read(int size) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(size);
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, slice.offset() + position + buffer.position());
                if (n < 0) {
                    throw new EOFException("the file is shorter than when it was hashed: it changed");
                }
            }
            position += size;
            return buffer.flip();
        }

        private void fail(Throwable error) {
            if (done.compareAndSet(false, true)) {
                close();
                subscriber.onError(error);
            }
        }

        private void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel: nothing was written that closing could lose
            }
        }
    }
}
