package dev.photo.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Times Lambda-style cold starts: for every run, a fresh JVM with the managed runtime's flags runs the runtime
 * interface client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) against a {@link RuntimeApi}
 * of its own, in an environment holding only what Lambda and the template set. The clock starts just before the
 * process is started and stops when its first answer arrives. One run is: the trivial {@link HelloStreamFunction}
 * and {@link HelloFunction}; the
 * API function answering {@code POST /uploads}; the sample PUT to the presigned URL (untimed); the processor
 * answering the S3 event for that upload, checked by the thumbnail it wrote.
 *
 * <p>Usage (bench/cold-start.sh sets everything up): {@code ColdStart OPTIONS}, options as {@code --name value}:
 * {@code java} (child JVM), {@code ric} (runtime interface client jars), {@code task-root} (the unpacked function
 * jar), {@code hello-root}, {@code endpoint} (S3/DynamoDB emulation), {@code bucket}, {@code table},
 * {@code sample}, {@code runs}, {@code api-handler} and {@code processor-handler} with {@code extra-classpath} and {@code sqlite} (the interim entry points), {@code only} ({@code hello}: the floor alone), {@code api-memory}, {@code processor-memory}, {@code logs}, {@code out} (TSV).
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String API_HANDLER = "dev.photo.backend.lambda.ApiFunction::handleRequest";
    private static final String PROCESSOR_HANDLER = "dev.photo.backend.lambda.ProcessorFunction::handleRequest";
    private static final String HELLO_HANDLER = HelloFunction.class.getName() + "::handleRequest";
    private static final String HELLO_STREAM_HANDLER = HelloStreamFunction.class.getName() + "::handleRequest";
    private static final String REGION = "us-east-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect");

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path logs;

    private ColdStart(Map<String, String> options) throws IOException {
        this.options = options;
        this.logs = Path.of(option("logs"));
        Files.createDirectories(logs);
    }

    /** One timed start: milliseconds from process start to the answer, and the child's peak resident memory. */
    record Start(String function, double millis, long peakRssKb) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new ColdStart(options).run();
    }

    private String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    private void run() throws Exception {
        int runs = Integer.parseInt(option("runs"));
        Path out = Path.of(option("out"));
        // the photo functions need the deployment jar's entry points; the floor alone checks the harness
        boolean helloOnly = options.getOrDefault("only", "").equals("hello");
        for (int run = 1; run <= runs; run++) {
            List<Start> these = new ArrayList<>(hello(run));
            if (!helloOnly) {
                these.addAll(apiThenProcessor(run));
            }
            for (Start s : these) {
                String line = String.format(Locale.ROOT, "%d\t%s\t%.0f\t%d%n", run, s.function(), s.millis(),
                        s.peakRssKb());
                Files.writeString(out, line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                System.out.print("coldstart: run " + line);
            }
        }
    }

    private List<Start> hello(int run) throws Exception {
        Path root = Path.of(option("hello-root"));
        String event = "{\"bench\":true}";
        Answered stream = invoke("hello-stream", run, HELLO_STREAM_HANDLER, root, 512, event, Map.of());
        Answered typed = invoke("hello", run, HELLO_HANDLER, root, 512, event, Map.of());
        return List.of(stream.start(), typed.start());
    }

    private List<Start> apiThenProcessor(int run) throws Exception {
        Path sample = Path.of(option("sample"));
        byte[] bytes = Files.readAllBytes(sample);
        // a new owner every run: the photo is new to the table, so it is presigned rather than a duplicate
        String owner = "bench-" + UUID.randomUUID();
        Map<String, String> env = photoEnvironment();
        Path taskRoot = Path.of(option("task-root"));

        ObjectNode file = JSON.createObjectNode().put("name", sample.getFileName().toString())
                .put("size", bytes.length).put("contentType", "image/jpeg").put("sha256", sha256(bytes));
        ObjectNode batch = JSON.createObjectNode().put("album", "bench");
        batch.putArray("files").add(file);
        Answered api = invoke("api", run, options.getOrDefault("api-handler", API_HANDLER), taskRoot, Integer.parseInt(option("api-memory")),
                httpApiEvent("POST", "/uploads", owner, JSON.writeValueAsString(batch)), env);
        JsonNode response = JSON.readTree(api.answer().body());
        if (response.path("statusCode").asInt() != 200) {
            throw new IllegalStateException("POST /uploads answered " + api.answer().body());
        }
        JsonNode result = JSON.readTree(response.path("body").asText()).path("results").get(0);
        if (!result.path("status").asText().equals("upload")) {
            throw new IllegalStateException("POST /uploads did not presign: " + result);
        }
        String photoId = result.path("photoId").asText();
        String key = put(result.path("upload"), bytes);

        Answered processor = invoke("processor", run, options.getOrDefault("processor-handler", PROCESSOR_HANDLER),
                taskRoot,
                Integer.parseInt(option("processor-memory")), s3Event(key, bytes.length), env);
        String thumbnail = "thumbnails/" + owner + "/" + photoId + "/256.jpg";
        int status = http.send(HttpRequest.newBuilder(URI.create(option("endpoint") + "/" + option("bucket") + "/"
                + thumbnail)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                // moto checks that a request is signed, not the signature; an unsigned one is anonymous (403)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/" + REGION
                        + "/s3/aws4_request, SignedHeaders=host, Signature=0")
                .build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("the processor answered " + processor.answer().body()
                    + " but wrote no " + thumbnail + " (HEAD " + status + ")");
        }
        return List.of(api.start(), processor.start());
    }

    private record Answered(Start start, RuntimeApi.Answer answer) {
    }

    /** Starts a fresh JVM for one handler, waits for its first answer, then stops it. */
    private Answered invoke(String function, int run, String handler, Path taskRoot, int memoryMb, String event,
                            Map<String, String> extraEnv) throws Exception {
        String arn = "arn:aws:lambda:" + REGION + ":000000000000:function:bench-" + function;
        try (RuntimeApi api = new RuntimeApi(event, arn)) {
            List<String> command = new ArrayList<>();
            command.add(option("java"));
            command.addAll(lambdaJvmFlags(memoryMb));
            command.add("-cp");
            // extra-classpath: the interim entry points and the local stack's repository (--interim)
            command.add(option("ric") + "/*:" + taskRoot + options.getOrDefault("extra-classpath", ""));
            command.add(RIC_MAIN);
            command.add(handler);
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(lambdaEnvironment(function, handler, taskRoot, memoryMb, api.address()));
            env.putAll(extraEnv);
            Path log = logs.resolve(function + "-" + run + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());

            long started = System.nanoTime();
            Process process = builder.start();
            try {
                RuntimeApi.Answer answer = api.await(TIMEOUT);
                long rss = peakRssKb(process.pid());
                if (answer.error()) {
                    throw new IllegalStateException(function + " failed: " + answer.body() + " (log: " + log + ")");
                }
                double millis = (answer.arrivedNanos() - started) / 1e6;
                return new Answered(new Start(function, millis, rss), answer);
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * The managed Java runtime's launch flags as we read them: C1 only (tiered compilation stops at level 1 by
     * default since java17), the serial collector, class-data sharing, and a heap of about 85% of the memory size.
     */
    private static List<String> lambdaJvmFlags(int memoryMb) {
        return List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:MaxHeapSize=" + (memoryMb * 85L / 100) + "m", "-Djava.net.preferIPv4Stack=true",
                "-Djava.awt.headless=true");
    }

    private static Map<String, String> lambdaEnvironment(String function, String handler, Path taskRoot,
                                                         int memoryMb, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", handler);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "bench-" + function);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench-" + function);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        // moto accepts any key pair; Lambda would pass the role's session credentials the same way
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("AWS_SESSION_TOKEN", "bench");
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        return env;
    }

    /** What template.yaml sets, pointed at the emulation. */
    private Map<String, String> photoEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PHOTO_AWS_ENDPOINT", option("endpoint"));
        env.put("PHOTO_BUCKET", option("bucket"));
        env.put("PHOTO_TABLE", option("table"));
        env.put("PHOTO_REGION", REGION);
        env.put("PHOTO_USER_POOL_ID", REGION + "_bench");
        env.put("PHOTO_CLIENT_ID", "benchclient");
        env.put("PHOTO_CURSOR_KEY", option("cursor-key"));
        env.put("PHOTO_PROCESSOR_FUNCTION", "bench-processor");
        if (options.containsKey("sqlite")) {
            env.put("PHOTO_BENCH_DB", option("sqlite"));
        }
        return env;
    }

    private String httpApiEvent(String method, String path, String owner, String body) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json").put("host", "bench.example");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000").put("apiId", "bench").put("domainName", "bench.example")
                .put("requestId", UUID.randomUUID().toString()).put("routeKey", method + " " + path)
                .put("stage", "$default").put("timeEpoch", System.currentTimeMillis());
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1").put("userAgent", "cold-start-bench");
        // what the JWT authorizer puts there after checking an access token
        ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
        jwt.putObject("claims").put("sub", owner).put("token_use", "access").put("client_id", "benchclient")
                .put("iss", "https://cognito-idp." + REGION + ".amazonaws.com/" + REGION + "_bench");
        jwt.putArray("scopes");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return JSON.writeValueAsString(event);
    }

    private String s3Event(String key, long size) throws IOException {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", REGION)
                .put("eventTime", Instant.now().toString()).put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "bench");
        s3.putObject("bucket").put("name", option("bucket")).put("arn", "arn:aws:s3:::" + option("bucket"));
        // S3 form-encodes the key in events
        s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", size).put("sequencer", "0055AED6DCD90281E5");
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return JSON.writeValueAsString(event);
    }

    /** Sends the sample as the API said, and returns the object key the URL names. */
    private String put(JsonNode upload, byte[] bytes) throws IOException, InterruptedException {
        URI url = URI.create(upload.path("url").asText());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .method(upload.path("method").asText("PUT"), HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.path("headers").fields().forEachRemaining(h -> {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                request.header(h.getKey(), h.getValue().asText());
            }
        });
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("PUT to the presigned URL answered " + status);
        }
        String path = url.getPath();
        String bucketPrefix = "/" + option("bucket") + "/";
        return path.startsWith(bucketPrefix) ? path.substring(bucketPrefix.length()) : path.substring(1);
    }

    /** VmHWM: the most memory the process has had resident, in kB (0 where /proc is missing). */
    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
