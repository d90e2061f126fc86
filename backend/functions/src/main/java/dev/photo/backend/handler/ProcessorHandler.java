package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * Lambda entry point for S3 {@code ObjectCreated} notifications on {@code originals/}. Takes the raw event JSON
 * exactly as S3 delivers it (keys URL-encoded).
 */
public final class ProcessorHandler implements RequestStreamHandler {

    public ProcessorHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock) {
        throw new IllegalStateException("being written");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        throw new IllegalStateException("being written");
    }
}
