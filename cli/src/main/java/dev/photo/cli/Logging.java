package dev.photo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels set from the command line; everything else stays as {@link LogConfiguration} has it (WARN). */
public final class Logging {

    private Logging() {
    }

    /** {@code --debug}: our own packages at DEBUG, third-party libraries unchanged. */
    public static void enableDebug() {
        if (LoggerFactory.getLogger("dev.photo") instanceof Logger logger) {
            logger.setLevel(Level.DEBUG);
        }
    }
}
