package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the JSON report of {@code photo upload --output json}. */
public final class UploadReports {

    private UploadReports() {
    }

    /** The entry of the file called {@code name}; fails the test if the report has none. */
    public static JsonNode file(JsonNode report, String name) {
        for (JsonNode file : report.path("files")) {
            if (file.path("name").asText().equals(name)) {
                return file;
            }
        }
        throw new AssertionError("no " + name + " in " + report);
    }
}
