package dev.photo.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.photo.cli.Json;

import java.io.PrintWriter;

/** Prints one pretty JSON document per command on stdout, so that {@code photo ... --output json | jq} works. */
public final class JsonOutput {

    private JsonOutput() {
    }

    public static void print(PrintWriter out, Object document) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + document.getClass().getSimpleName(), e);
        }
    }
}
