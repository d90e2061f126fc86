package dev.photo.cli.output;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Times for tables: whole seconds, UTC. JSON output keeps the API's full precision. */
public final class Times {

    private Times() {
    }

    public static String seconds(String isoInstant) {
        if (isoInstant == null) {
            return null;
        }
        try {
            return Instant.parse(isoInstant).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }
}
