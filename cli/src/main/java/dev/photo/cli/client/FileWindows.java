package dev.photo.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Hands the bytes of a run of a file to a consumer window by window, through a memory mapping of each window that is
 * unmapped as soon as the consumer is done with it. Every byte an upload sends is read twice, once to hash it (the
 * checksum is signed into the URL before anything is sent) and once to send it; read into a heap buffer, each pass
 * cost the kernel's copy from the page cache plus the JDK's copy out of its temporary direct buffer, which measured
 * 0.65 s of CPU per 763 MB on the benchmark machine against 0.26 s mapped (docs/benchmarks.md).
 *
 * <p>The mapping is released explicitly, so that at most one window per thread is mapped and counted in the
 * process's memory: with the foreign memory API's confined arena where the runtime has it (JDK 22 and later), else
 * with the JDK's own unmapping ({@code sun.misc.Unsafe.invokeCleaner}, JDK 17 to 21, which warns about nothing
 * there). Where neither can be found, the bytes are read into a heap buffer as before. Both are looked up
 * reflectively because the code is compiled for Java 17.
 *
 * <p>Runs under {@link #MIN_MAPPED} bytes are read into a heap buffer all the same. A file that is shorter than the
 * run asked for, or that is cut short while a window is mapped (the JVM turns the fault into an
 * {@link InternalError}), fails with {@link ChangedException}.
 */
public final class FileWindows {

    /** Bytes mapped at a time: small enough that ten threads' windows stay a few tens of MiB. */
    static final int WINDOW = 4 * 1024 * 1024;
    /** Runs shorter than this are read: mapping and unmapping cost more than copying a few pages. */
    static final int MIN_MAPPED = 64 * 1024;
    /** Bytes read at a time where nothing is mapped. */
    private static final int READ_BUFFER = 1024 * 1024;
    private static final Mapper BEST = Mapper.best();

    private FileWindows() {
    }

    /** Receives one window; the buffer is only valid during the call (it is unmapped after). */
    @FunctionalInterface
    public interface Consumer {
        void accept(ByteBuffer bytes) throws IOException;
    }

    /** The file became shorter than what was to be read, or was cut short while it was read. */
    public static final class ChangedException extends EOFException {

        public ChangedException() {
            super("the file changed while it was read");
        }
    }

    /** Whether windows are mapped here (else read into a heap buffer): for the tests and the debug log. */
    public static boolean mapped() {
        return BEST != null;
    }

    /**
     * Passes the bytes {@code [offset, offset + length)} of {@code channel}'s file to {@code consumer}, in order,
     * in windows of at most {@link #WINDOW} bytes.
     */
    public static void read(FileChannel channel, long offset, long length, Consumer consumer) throws IOException {
        read(BEST, channel, offset, length, consumer);
    }

    /** The same with the heap-buffer reads, which the tests compare the mapped reads with. */
    static void readWithoutMapping(FileChannel channel, long offset, long length, Consumer consumer)
            throws IOException {
        read(null, channel, offset, length, consumer);
    }

    private static void read(Mapper mapper, FileChannel channel, long offset, long length, Consumer consumer)
            throws IOException {
        if (mapper == null || length < MIN_MAPPED) {
            readIntoHeap(channel, offset, length, consumer);
            return;
        }
        long position = offset;
        long end = offset + length;
        while (position < end) {
            int size = (int) Math.min(WINDOW, end - position);
            // mapping past the end of the file would fault on access instead of failing here
            if (channel.size() < position + size) {
                throw new ChangedException();
            }
            try (Mapping window = mapper.map(channel, position, size)) {
                consumer.accept(window.bytes());
            } catch (InternalError e) {
                // the JVM's answer to a fault on a mapped page: the file was truncated under the mapping
                ChangedException changed = new ChangedException();
                changed.initCause(e);
                throw changed;
            }
            position += size;
        }
    }

    private static void readIntoHeap(FileChannel channel, long offset, long length, Consumer consumer)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_BUFFER, Math.max(1, length)));
        long position = offset;
        long remaining = length;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new ChangedException();
            }
            buffer.flip();
            consumer.accept(buffer);
            position += n;
            remaining -= n;
        }
    }

    /** One mapped window, unmapped by {@link #close()}. */
    /** One mapped window and what unmaps it. */
    private record Mapping(ByteBuffer bytes, Runnable unmap) implements AutoCloseable {

        @Override
        public void close() {
            unmap.run();
        }
    }

    private interface Mapper {

        Mapping map(FileChannel channel, long position, int size) throws IOException;

        /** The foreign memory API where it is final (22+), else the JDK's unmapping, else {@code null}. */
        static Mapper best() {
            if (Runtime.version().feature() >= 22) {
                Mapper arena = ArenaMapper.find();
                if (arena != null) {
                    return arena;
                }
            }
            return CleanerMapper.find();
        }
    }

    /** {@code FileChannel.map(READ_ONLY, position, size, Arena.ofConfined())}, unmapped by closing the arena. */
    private record ArenaMapper(MethodHandle ofConfined, MethodHandle map, MethodHandle asByteBuffer,
                               MethodHandle close) implements Mapper {

        static ArenaMapper find() {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                return new ArenaMapper(
                        lookup.findStatic(arena, "ofConfined", MethodType.methodType(arena)),
                        lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
                                FileChannel.MapMode.class, long.class, long.class, arena)),
                        lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)),
                        lookup.findVirtual(arena, "close", MethodType.methodType(void.class)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public Mapping map(FileChannel channel, long position, int size) throws IOException {
            Object arena = invoke(ofConfined);
            try {
                ByteBuffer bytes = (ByteBuffer) invoke(asByteBuffer,
                        invoke(map, channel, FileChannel.MapMode.READ_ONLY, position, (long) size, arena));
                return new Mapping(bytes, () -> closeArena(arena));
            } catch (IOException | RuntimeException | Error e) {
                closeArena(arena);
                throw e;
            }
        }

        private void closeArena(Object arena) {
            try {
                invoke(close, arena);
            } catch (IOException e) {
                throw new IllegalStateException("closing an arena does no I/O", e);
            }
        }
    }

    /** {@code FileChannel.map}, unmapped by {@code sun.misc.Unsafe.invokeCleaner} (JDK 17 to 21). */
    private record CleanerMapper(MethodHandle invokeCleaner) implements Mapper {

        static CleanerMapper find() {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field field = unsafeClass.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                Object unsafe = field.get(null);
                MethodHandle cleaner = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                        MethodType.methodType(void.class, ByteBuffer.class)).bindTo(unsafe);
                return new CleanerMapper(cleaner);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public Mapping map(FileChannel channel, long position, int size) throws IOException {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, position, size);
            return new Mapping(bytes, () -> {
                try {
                    invoke(invokeCleaner, bytes);
                } catch (IOException e) {
                    throw new IllegalStateException("unmapping does no I/O", e);
                }
            });
        }
    }

    /** Calls {@code handle}, passing an {@link IOException} (the map call's) through and wrapping nothing else. */
    private static Object invoke(MethodHandle handle, Object... arguments) throws IOException {
        try {
            return handle.invokeWithArguments(arguments);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
