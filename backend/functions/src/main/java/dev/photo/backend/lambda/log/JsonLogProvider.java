package dev.photo.backend.lambda.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The SLF4J binding of the Lambda deployment jar only (its service file is added when the jar is shaded; the local
 * stack keeps logback): one JSON object per line on stdout, which CloudWatch Logs indexes, with the request id from
 * the MDC. A few classes instead of a logging framework, so cold start loads almost nothing for logging.
 * The threshold comes from {@code AWS_LAMBDA_LOG_LEVEL}, else {@code PHOTO_LOG_LEVEL}, else INFO.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        mdc = new BasicMDCAdapter();
        markers = new BasicMarkerFactory();
        Level threshold = threshold(System.getenv("AWS_LAMBDA_LOG_LEVEL"), System.getenv("PHOTO_LOG_LEVEL"));
        ConcurrentMap<String, JsonLogger> made = new ConcurrentHashMap<>();
        MDCAdapter adapter = mdc;
        loggers = name -> made.computeIfAbsent(name, n -> new JsonLogger(n, threshold, System.out, adapter));
    }

    static Level threshold(String lambdaLevel, String photoLevel) {
        String text = lambdaLevel != null ? lambdaLevel : photoLevel;
        if (text == null) {
            return Level.INFO;
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
