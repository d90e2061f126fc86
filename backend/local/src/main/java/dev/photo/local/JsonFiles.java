package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads and writes the stack's small JSON files ({@code server.json}, {@code local.json}, {@code admin-credentials.json}) as
 * trees instead of binding them to their records: every command on the local profile reads them first, and
 * building a bean deserializer per record (introspection, the canonical constructor called through reflection)
 * was most of what finding a running stack cost (docs/benchmarks.md). They are refused as a record binding with
 * Jackson's defaults would refuse them: not an object, or a field the record does not have.
 */
final class JsonFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFiles() {
    }

    /** The object {@code json} holds, refused when it is not one or has a field outside {@code fields}. */
    static JsonNode object(byte[] json, Set<String> fields) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IOException("unknown field " + name);
            }
        }
        return node;
    }

    /** {@code value} as the bytes of its JSON file (a record, written by its components). */
    static byte[] bytes(Object value) throws IOException {
        return JSON.writeValueAsBytes(value);
    }

    /** Any JSON document (an answer of the API), as {@link ObjectMapper#readTree(InputStream)} reads it. */
    static JsonNode tree(InputStream in) throws IOException {
        return JSON.readTree(in);
    }

    /** The field's text, or {@code null} when it is missing or {@code null}, as for a record's String component. */
    static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
