package dev.photo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

import java.util.List;

/**
 * The logging set-up of {@code photo}, made in code instead of read from a {@code logback.xml}: results own stdout,
 * so logs go to stderr, and only warnings unless {@code --debug} ({@link Logging}). Parsing the XML was an eighth of
 * what {@code photo list} spent in Java after the JVM was up, and its parser's classes a fifth of the short AOT
 * cache (docs/benchmarks.md). Found by logback through {@code META-INF/services}; it steps aside for logback's own
 * files when they are given: {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} (the tests').
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    /** Kept at WARN by name: the in-process local stack's servers would otherwise log every request. */
    private static final List<String> QUIET = List.of("org.gaul.s3proxy", "org.jclouds", "jclouds",
            "org.eclipse.jetty", "software.amazon.awssdk", "dev.photo");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** What a {@code logback.xml} with a stderr appender in {@link #PATTERN} and these levels would set. */
    static void apply(LoggerContext context) {
        // logback's own status messages (its configuration's warnings) stay off the user's terminal
        context.getStatusManager().add(new NopStatusListener());
        StderrAppender appender = new StderrAppender();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
    }

    /**
     * stderr in {@link #PATTERN}, through a console appender made on the first event: most commands log nothing,
     * and the pattern's layout (its parser, the date formatter, a converter per conversion word) is not free.
     */
    static final class StderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private volatile ConsoleAppender<ILoggingEvent> console;

        /** Whether the console appender has been made (by a first event). */
        boolean consoleMade() {
            return console != null;
        }

        @Override
        protected void append(ILoggingEvent event) {
            console().doAppend(event);
        }

        private ConsoleAppender<ILoggingEvent> console() {
            ConsoleAppender<ILoggingEvent> made = console;
            if (made == null) {
                synchronized (this) {
                    made = console;
                    if (made == null) {
                        made = newConsole();
                        console = made;
                    }
                }
            }
            return made;
        }

        private ConsoleAppender<ILoggingEvent> newConsole() {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(getContext());
            encoder.setPattern(PATTERN);
            encoder.start();
            ConsoleAppender<ILoggingEvent> made = new ConsoleAppender<>();
            made.setContext(getContext());
            made.setName(getName());
            made.setTarget("System.err");
            made.setEncoder(encoder);
            made.start();
            return made;
        }

        @Override
        public void stop() {
            ConsoleAppender<ILoggingEvent> made = console;
            if (made != null) {
                made.stop();
            }
            super.stop();
        }
    }
}
