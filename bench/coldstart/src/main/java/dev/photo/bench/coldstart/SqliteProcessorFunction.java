package dev.photo.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.handler.ProcessorHandler;
import dev.photo.local.db.Database;
import dev.photo.local.db.SqlitePhotoRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The processor's counterpart of {@link SqliteApiFunction}: the real {@link ProcessorHandler} and S3 adapter. */
public final class SqliteProcessorFunction implements RequestStreamHandler {

    private final ProcessorHandler handler;

    public SqliteProcessorFunction() {
        Map<String, String> env = System.getenv();
        BackendConfig config = BackendConfig.fromEnvironment(env);
        S3ObjectStore objects = S3ObjectStore.forEndpoint(URI.create(env.get("PHOTO_AWS_ENDPOINT")), config.region(),
                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), config.bucket());
        SqlitePhotoRepository photos = new SqlitePhotoRepository(Database.open(Path.of(env.get("PHOTO_BENCH_DB"))));
        this.handler = new ProcessorHandler(config, photos, objects, Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }
}
