import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one API route from several threads until a stop file appears (or a time limit passes) and prints what it
 * measured as one tab-separated line (it creates {@code STOP_FILE.MODE.started} once its threads run): {@code MODE THREADS REQUESTS SECONDS PER_SECOND STATUS=COUNT...}.
 * {@code presign} sends {@code POST /uploads} of one new file each (presigned, never sent: they stay PENDING),
 * {@code list} sends {@code GET /photos?album=ALBUM&limit=100}.
 *
 * <p>Usage: {@code java bench/src/ApiLoad.java MODE API_URL ALBUM THREADS STOP_FILE MAX_SECONDS}, the access token in
 * {@code BENCH_TOKEN} (kept off the command line).
 */
final class ApiLoad {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI api = URI.create(args[1]);
        String album = args[2];
        int threads = Integer.parseInt(args[3]);
        Path stop = Path.of(args[4]);
        long maxNanos = Duration.ofSeconds(Long.parseLong(args[5])).toNanos();
        String token = System.getenv("BENCH_TOKEN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (!Files.exists(stop) && System.nanoTime() - start < maxNanos) {
                    int status;
                    try {
                        HttpRequest request = mode.equals("presign")
                                ? presign(api, token, album, sequence.incrementAndGet())
                                : HttpRequest.newBuilder(api.resolve("/photos?limit=100&album=" + album))
                                        .header("Authorization", "Bearer " + token)
                                        .timeout(Duration.ofSeconds(30)).build();
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            });
            workers[t].start();
        }
        // tells the script that the load is on: the source launcher's compile takes seconds on a busy machine
        Files.writeString(Path.of(stop + "." + mode + ".started"), "");
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        StringBuilder line = new StringBuilder(String.format("%s\t%d\t%d\t%.1f\t%.1f", mode, threads, total, seconds,
                total / seconds));
        new TreeMap<>(statuses).forEach((s, n) -> line.append('\t').append(s).append('=').append(n.get()));
        System.out.println(line);
    }

    private static HttpRequest presign(URI api, String token, String album, long n) {
        // a SHA-256 no other request uses, so every request presigns a new photo
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("load " + ProcessHandle.current().pid() + " " + n).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        String body = "{\"album\":\"" + album + "-presign\",\"files\":[{\"name\":\"load" + n + ".jpg\",\"size\":"
                + (1000 + n) + ",\"contentType\":\"image/jpeg\",\"sha256\":\"" + sha + "\"}]}";
        return HttpRequest.newBuilder(api.resolve("/uploads")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
