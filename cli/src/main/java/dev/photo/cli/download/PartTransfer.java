package dev.photo.cli.download;

import dev.photo.cli.client.Http;
import dev.photo.cli.client.NetworkErrors;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.client.TransferClient;
import dev.photo.cli.upload.Sha256;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Fetches one object from a presigned URL into its {@code .part} file, continuing what the file already holds with
 * a Range request when it may (an earlier attempt reset mid-body, or a run that was interrupted or killed), and
 * retrying connection errors, short bodies and 5xx answers with back-off. The part is digested at the end, from the
 * disk, so that what is verified is what was written.
 */
final class PartTransfer {

    private static final int CHUNK = 256 * 1024;

    private final TransferClient transfer;
    private final RetryPolicy retry;

    PartTransfer(TransferClient transfer, RetryPolicy retry) {
        this.transfer = transfer;
        this.retry = retry;
    }

    /**
     * What the part holds at the end.
     *
     * @param resumedFrom bytes an earlier run (or attempt of this one) had stored, which were not fetched again
     */
    record Fetched(long length, String sha256, long resumedFrom) {
    }

    /** The URL was refused as expired: the caller asks the API for a new one and calls again (the part is kept). */
    static final class UrlExpired extends IOException {
        UrlExpired() {
            super("the download URL expired");
        }
    }

    /**
     * Fills {@code part} with the object at {@code uri}.
     *
     * @param expectedSize the object's size, when known: a longer part is not continued, a complete one not fetched
     * @param resumable    whether bytes already in the part may be kept (only when a checksum is verified later)
     * @param progress     told of bytes stored, and of bytes taken back (negative) when the part is emptied
     * @throws IOException with a short reason once the retries are spent or on an answer not worth retrying
     */
    Fetched fetch(URI uri, Path part, Long expectedSize, boolean resumable, LongConsumer progress)
            throws IOException, InterruptedException {
        Counter counter = new Counter(progress);
        boolean keep = resumable;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            for (int attempt = 1; ; attempt++) {
                long start = RangeResume.startAt(channel.size(), expectedSize, keep);
                if (start == 0 && channel.size() > 0) {
                    channel.truncate(0);
                }
                counter.setTo(start);
                IOException failure;
                boolean retryable;
                try {
                    if (expectedSize != null && start == expectedSize && start > 0) {
                        return done(part, counter.kept());
                    }
                    Http.Response response = transfer.get(uri, start, (head, body) -> write(channel, start, head,
                            body, expectedSize, counter));
                    int status = response.status();
                    if (status / 100 == 2) {
                        return done(part, counter.kept());
                    }
                    if (status == 416) {
                        RangeResume.Action action = RangeResume.onAnswer(start, status,
                                response.header("Content-Range").orElse(null), expectedSize);
                        if (action == RangeResume.Action.COMPLETE) {
                            return done(part, counter.kept());
                        }
                        keep = false;
                        failure = new IOException("storage refused the range from byte " + start);
                        retryable = true;
                    } else if (TransferClient.expiredAnswer(response)) {
                        throw new UrlExpired();
                    } else {
                        String code = TransferClient.errorCode(response);
                        failure = new IOException("storage answered HTTP " + status + (code == null ? "" : " " + code));
                        retryable = TransferClient.retryable(response);
                    }
                } catch (RangeRefused e) {
                    keep = false;
                    failure = new IOException("storage answered a range that does not continue the part");
                    retryable = true;
                } catch (UrlExpired e) {
                    throw e;
                } catch (IOException e) {
                    failure = new IOException(describe(uri, e), e);
                    retryable = true;
                }
                if (!retryable || !retry.canRetryAfter(attempt)) {
                    throw failure;
                }
                retry.pause(attempt);
            }
        }
    }

    /** Asked from one offset, answered from another: nothing was written, the next attempt asks without a range. */
    private static final class RangeRefused extends IOException {
        RangeRefused() {
            super("range refused");
        }
    }

    private static void write(FileChannel channel, long start, Http.Response head, InputStream body,
                              Long expectedSize, Counter counter) throws IOException {
        RangeResume.Action action = RangeResume.onAnswer(start, head.status(),
                head.header("Content-Range").orElse(null), expectedSize);
        long position;
        switch (action) {
            case APPEND -> position = start;
            case WRITE_FROM_START -> {
                channel.truncate(0);
                counter.setTo(0);
                position = 0;
            }
            default -> throw new RangeRefused();
        }
        long declared = head.header("Content-Length").map(PartTransfer::parseLength).orElse(-1L);
        byte[] chunk = new byte[CHUNK];
        long copied = 0;
        int n;
        while ((n = body.read(chunk)) >= 0) {
            ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            copied += n;
            counter.add(n);
        }
        if (declared >= 0 && copied != declared) {
            // the bytes that came are kept: the next attempt asks for the rest
            throw new EOFException("the download ended after " + copied + " of " + declared + " bytes");
        }
    }

    private static Fetched done(Path part, long resumedFrom) throws IOException {
        // from the disk, not from the bytes as they passed: what is verified is what the final name will hold
        Sha256.Digest digest = Sha256.of(part);
        return new Fetched(digest.size(), digest.hex(), resumedFrom);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(URI uri, IOException e) {
        if (e instanceof EOFException) {
            return e.getMessage();
        }
        return "cannot reach storage at " + NetworkErrors.hostPort(uri) + " (" + NetworkErrors.describe(e) + ")";
    }

    /** The bytes of this object that progress has been told of, so that a restart takes back exactly those. */
    private static final class Counter {

        private final LongConsumer progress;
        private long counted;
        private long lowest = Long.MAX_VALUE;

        Counter(LongConsumer progress) {
            this.progress = progress;
        }

        /** At the start of an attempt, and when the part is emptied. */
        void setTo(long bytes) {
            progress.accept(bytes - counted);
            counted = bytes;
            lowest = Math.min(lowest, bytes);
        }

        /** Bytes the part held before this fetch that were never fetched again: the least it ever went down to. */
        long kept() {
            return lowest == Long.MAX_VALUE ? 0 : lowest;
        }

        void add(long bytes) {
            counted += bytes;
            progress.accept(bytes);
        }
    }
}
