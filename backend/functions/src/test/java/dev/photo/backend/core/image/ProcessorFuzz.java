package dev.photo.backend.core.image;

import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.ProcessingService;
import dev.photo.backend.core.ProcessingService.Outcome;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.Sha256;

import java.awt.Color;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds the processor, through {@link ProcessingService} as the Lambda handler calls it, hundreds of mutated and
 * truncated images of every format made from the fixture set, and prints the figures. Run in its own JVM by
 * {@code ProcessorFuzzTest} so that its heap limit (-Xmx256m) is the one the issue sets; exits non-zero when an input
 * throws out of the service, overruns its time budget, or the JVM runs out of heap.
 *
 * <p>Arguments: inputs per seed image, random seed, time budget per input in milliseconds.
 */
public final class ProcessorFuzz {

    private static final String BUCKET = "fuzz";
    private static final String OWNER = "fuzzer";

    private ProcessorFuzz() {
    }

    public static void main(String[] args) throws Exception {
        int perSeed = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        long budgetMs = Long.parseLong(args[2]);
        int failures = run(perSeed, seed, budgetMs, System.out);
        System.exit(failures == 0 ? 0 : 1);
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("jpeg", ImageFixtures.jpeg(ImageFixtures.photoLike(320, 240, 7)));
        seeds.put("jpeg-progressive", ImageFixtures.jpeg(ImageFixtures.photoLike(320, 240, 8), 0.9f, true));
        seeds.put("jpeg-exif", ImageFixtures.jpegWithExif(ImageFixtures.marked(200, 150), Exif.of().orientation(6)
                .make("Acme").original("2024:01:02 03:04:05", "+01:00").gps(1, 2, 3).exposure(1, 100, 4, 200, 50)));
        seeds.put("jpeg-cmyk", ImageFixtures.cmykJpeg(160, 120, 0, 255, 255, 0, true, false));
        seeds.put("jpeg-icc", ImageFixtures.jpegWithIcc(ImageFixtures.marked(160, 120), IccProfiles.displayP3()));
        seeds.put("png", ImageFixtures.png(ImageFixtures.photoLike(200, 150, 9)));
        seeds.put("png-palette", ImageFixtures.palettePng(200, 100));
        seeds.put("png-16", ImageFixtures.rgb16Png(120, 90, new Color(10, 200, 30)));
        seeds.put("gif", ImageFixtures.gif(120, 90, 3));
        seeds.put("webp-lossy", ImageFixtures.WEBP_LOSSY);
        seeds.put("webp-lossless", ImageFixtures.WEBP_LOSSLESS);
        seeds.put("webp-alpha", ImageFixtures.WEBP_ALPHA);
        seeds.put("heic", ImageFixtures.heic());
        seeds.put("tiff", ImageFixtures.tiffWithExif(Exif.of().make("NIKON").original("2023:01:01 00:00:00", null)));
        return seeds;
    }

    /** A truncation, a few random bytes changed, a header field blown up, or a slice repeated, chosen at random. */
    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 1 -> {
                int n = 1 + rnd.nextInt(16);
                for (int i = 0; i < n; i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> {
                // the first bytes hold the dimensions, lengths and counts that decoders trust
                int at = 2 + rnd.nextInt(Math.min(62, b.length - 2));
                for (int i = at; i < Math.min(b.length, at + 1 + rnd.nextInt(4)); i++) {
                    b[i] = (byte) (rnd.nextBoolean() ? 0xFF : 0x7F);
                }
            }
            case 3 -> {
                int from = rnd.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
                byte[] out = new byte[b.length + len];
                int at = rnd.nextInt(b.length);
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, from, out, at, len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                return out;
            }
            default -> {
                byte[] head = Arrays.copyOf(b, Math.max(8, rnd.nextInt(b.length)));
                for (int i = 8; i < head.length; i++) {
                    if (rnd.nextInt(8) == 0) {
                        head[i] = (byte) rnd.nextInt(256);
                    }
                }
                return head;
            }
        }
        return b;
    }

    static int run(int perSeed, long seed, long budgetMs, PrintStream out) throws Exception {
        InMemoryPhotoRepository photos = new InMemoryPhotoRepository();
        InMemoryObjectStore objects = new InMemoryObjectStore();
        BackendConfig config = BackendConfig.of("local", BUCKET, "pool", "client", URI.create("http://127.0.0.1:1/"));
        ProcessingService service = new ProcessingService(config, photos, objects, Clock.systemUTC());
        Random rnd = new Random(seed);
        // the decoder ProcessingService's processor picked (photo.jpegDecoder decides, as in production)
        out.println("fuzz: decoder " + new ImageProcessor(config.maxPixels(), config.thumbnailSizes()).jpegDecoder());
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        List<String> failures = new ArrayList<>();
        long worstNanos = 0;
        String worstInput = "";
        int inputs = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
        for (Map.Entry<String, byte[]> e : seeds().entrySet()) {
            String declared = switch (e.getKey().split("-")[0]) {
                case "jpeg" -> "image/jpeg";
                case "png" -> "image/png";
                case "gif" -> "image/gif";
                case "webp" -> "image/webp";
                case "heic" -> "image/heic";
                default -> "image/tiff";
            };
            for (int i = 0; i < perSeed; i++) {
                byte[] input = i == 0 ? e.getValue() : mutate(e.getValue(), rnd);
                String id = String.format("0193a1b2-0000-7000-8000-%012d", inputs++);
                String name = e.getKey() + "#" + i;
                photos.put(Photo.pending(OWNER, id, "fuzz", name, declared, input.length, Sha256.hex(input),
                        Instant.now()));
                objects.putBytes(Keys.original(OWNER, id), input, declared);
                long start = System.nanoTime();
                Future<Outcome> result = worker.submit(() -> service.process(BUCKET, Keys.original(OWNER, id)));
                try {
                    Outcome outcome = result.get(budgetMs, TimeUnit.MILLISECONDS);
                    outcomes.merge(outcome, 1, Integer::sum);
                    if (outcome != Outcome.READY && outcome != Outcome.REJECTED) {
                        failures.add(name + ": ended " + outcome);
                    }
                } catch (TimeoutException t) {
                    failures.add(name + ": over the " + budgetMs + " ms budget");
                    out.println("FAIL " + name + " over budget; stopping");
                    break;
                } catch (java.util.concurrent.ExecutionException x) {
                    failures.add(name + ": threw " + x.getCause());
                }
                long took = System.nanoTime() - start;
                if (took > worstNanos) {
                    worstNanos = took;
                    worstInput = name;
                }
                // READY photos keep their thumbnails; drop everything so the store does not grow with the run
                photos.delete(OWNER, id);
                objects.keys().forEach(objects::delete);
            }
        }
        worker.shutdownNow();
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        out.printf("fuzz: inputs %d, READY %d, REJECTED %d, worst %d ms (%s), peak heap %d MB of max %d MB%n",
                inputs, outcomes.getOrDefault(Outcome.READY, 0), outcomes.getOrDefault(Outcome.REJECTED, 0),
                worstNanos / 1_000_000, worstInput, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        failures.forEach(f -> out.println("FAIL " + f));
        return failures.size();
    }
}
