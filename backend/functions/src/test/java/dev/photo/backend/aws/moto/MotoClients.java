package dev.photo.backend.aws.moto;

import dev.photo.backend.aws.AwsClients;

import java.util.HashMap;
import java.util.Map;

/** The environment a Lambda function would have, pointed at moto. */
public final class MotoClients {

    private MotoClients() {
    }

    /** {@code PHOTO_AWS_ENDPOINT}, the region and moto's credentials; callers add the function's own variables. */
    public static Map<String, String> environment(MotoServer moto) {
        Map<String, String> env = new HashMap<>();
        env.put("PHOTO_AWS_ENDPOINT", moto.endpoint().toString());
        env.put("AWS_REGION", MotoServer.REGION);
        env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
        return env;
    }

    public static AwsClients clients(MotoServer moto) {
        return AwsClients.fromEnvironment(environment(moto));
    }
}
