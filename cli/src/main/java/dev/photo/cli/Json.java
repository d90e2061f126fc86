package dev.photo.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The one Jackson configuration: tolerant when reading (the API may add fields), ISO-8601 times and every field
 * (nulls included, so that JSON output keeps a stable shape) when writing.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Makes the mapper and reads a first document on a daemon thread, while the caller builds the command model: the
     * first use of Jackson initialises JDK classes that cost tens of milliseconds in a fresh JVM (JDK 25's
     * {@code BigDecimal} computes powers of five with {@code BigInteger} in its static initialiser; the time zone
     * and date format data for the mapper's defaults). A command that needs JSON before the thread is done waits
     * for those initialisers instead of running them again.
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            try {
                MAPPER.readTree("{\"warm\":[1.5,\"up\"]}");
            } catch (IOException e) {
                // cannot happen for this constant; and if it did, the command would only do the work itself
            }
        }, "photo-json-warmup");
        thread.setDaemon(true);
        thread.start();
    }
}
