package dev.photo.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.local.db.Database;
import dev.photo.local.db.SqlitePhotoRepository;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A stand-in for the API entry point until the DynamoDB adapter exists ({@code bench/cold-start.sh --interim}):
 * the real {@link ApiHandler} and S3 adapter, built from the environment once per JVM as the entry point will be,
 * with the local stack's SQLite repository (a file both function JVMs share) where DynamoDB will be.
 */
public final class SqliteApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiHandler handler;

    public SqliteApiFunction() {
        Map<String, String> env = System.getenv();
        BackendConfig config = BackendConfig.fromEnvironment(env);
        S3ObjectStore objects = S3ObjectStore.forEndpoint(URI.create(env.get("PHOTO_AWS_ENDPOINT")), config.region(),
                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), config.bucket());
        SqlitePhotoRepository photos = new SqlitePhotoRepository(Database.open(Path.of(env.get("PHOTO_BENCH_DB"))));
        this.handler = new ApiHandler(config, photos, objects, Clock.systemUTC());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
