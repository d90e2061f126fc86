package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.files.SecureFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The identifiers and secrets a data directory's stack keeps across restarts ({@code local.json}, 0600): the user
 * pool and app client ids (tokens name them) and the S3 key pair (the AWS CLI or rclone may have it configured).
 */
record LocalSettings(String userPoolId, String clientId, String s3AccessKey, String s3SecretKey) {

    static final String FILE = "local.json";
    private static final Set<String> FIELDS = Set.of("userPoolId", "clientId", "s3AccessKey", "s3SecretKey");
    private static final String USER_POOL_ID = "local_photo";

    static LocalSettings loadOrCreate(Path dataDir) {
        byte[] stored = SecureFiles.readOrCreate(dataDir.resolve(FILE), () -> json(generate()));
        try {
            JsonNode node = JsonFiles.object(stored, FIELDS);
            return new LocalSettings(JsonFiles.text(node, "userPoolId"), JsonFiles.text(node, "clientId"),
                    JsonFiles.text(node, "s3AccessKey"), JsonFiles.text(node, "s3SecretKey"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    private static byte[] json(LocalSettings settings) {
        try {
            return JsonFiles.bytes(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    private static LocalSettings generate() {
        SecureRandom random = new SecureRandom();
        // shaped like their AWS counterparts, so tools that check the format accept them
        return new LocalSettings(USER_POOL_ID,
                randomText(random, "abcdefghijklmnopqrstuvwxyz0123456789", 26),
                "AKLOCAL" + randomText(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 13),
                randomText(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40));
    }

    private static String randomText(SecureRandom random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "LocalSettings[userPoolId=" + userPoolId + ", clientId=" + clientId + ", s3AccessKey=" + s3AccessKey
                + ", s3SecretKey=***]";
    }
}
