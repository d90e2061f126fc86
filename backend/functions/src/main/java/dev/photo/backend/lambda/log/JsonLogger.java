package dev.photo.backend.lambda.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/** One JSON line per event: timestamp, level, logger, message, requestId (when set), and the error if any. */
public final class JsonLogger extends LegacyAbstractLogger {

    /** The MDC key the entry points set for each invocation. */
    public static final String REQUEST_ID = "requestId";
    private static final long serialVersionUID = 1L;

    private final transient Level threshold;
    private final transient PrintStream out;
    private final transient MDCAdapter mdc;

    public JsonLogger(String name, Level threshold, PrintStream out, MDCAdapter mdc) {
        this.name = name;
        this.threshold = threshold;
        this.out = out;
        this.mdc = mdc;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"timestamp\":\"").append(Instant.now()).append('"');
        field(line, "level", level.name());
        field(line, "logger", name);
        field(line, "message", MessageFormatter.basicArrayFormat(pattern, arguments));
        String requestId = mdc.get(REQUEST_ID);
        if (requestId != null) {
            field(line, REQUEST_ID, requestId);
        }
        if (throwable != null) {
            field(line, "error", throwable.toString());
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            field(line, "stackTrace", trace.toString());
        }
        line.append('}');
        synchronized (out) {
            out.println(line);
        }
    }

    private static void field(StringBuilder line, String key, String value) {
        line.append(",\"").append(key).append("\":\"");
        escape(line, value == null ? "null" : value);
        line.append('"');
    }

    static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
