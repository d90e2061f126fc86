package dev.photo.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.BooleanSerializer;
import com.fasterxml.jackson.databind.ser.std.NumberSerializers;
import com.fasterxml.jackson.databind.ser.std.StringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;


/**
 * The one Jackson configuration: tolerant when reading (the API may add fields), ISO-8601 times and every field
 * (nulls included, so that JSON output keeps a stable shape) when writing.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(jdkValues())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The serializers Jackson picks for the JDK's value types anyway, registered so that it finds them first: before
     * its own, it looks for {@code @JsonValue} among all the methods of a property's type, and reading the annotations
     * of {@code String}'s and {@code Integer}'s methods made the JDK generate a proxy class per annotation type it
     * met ({@code IntrinsicCandidate}, {@code Deprecated}) at every {@code --output json} (docs/benchmarks.md).
     */
    private static SimpleModule jdkValues() {
        return new SimpleModule("photo-jdk-values")
                .addSerializer(String.class, new StringSerializer())
                .addSerializer(Integer.class, new NumberSerializers.IntegerSerializer(Integer.class))
                .addSerializer(Long.class, new NumberSerializers.LongSerializer(Long.class))
                .addSerializer(Double.class, new NumberSerializers.DoubleSerializer(Double.class))
                .addSerializer(Boolean.class, new BooleanSerializer(true));
    }
}
