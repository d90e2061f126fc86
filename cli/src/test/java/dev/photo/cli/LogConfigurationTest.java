package dev.photo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class LogConfigurationTest {

    @Test
    void logback_finds_the_built_in_configuration_as_a_service() {
        assertThat(ServiceLoader.load(Configurator.class, LogConfiguration.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::type)).contains(LogConfiguration.class);
    }

    @Test
    void steps_aside_for_a_logback_test_xml_on_the_class_path() {
        LoggerContext context = new LoggerContext();
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);

        assertThat(configuration.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void warnings_go_to_stderr_in_the_pattern_and_the_console_is_made_only_by_the_first_event() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());   // what logback's service provider gives its context
        LogConfiguration.apply(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        LogConfiguration.StderrAppender appender = (LogConfiguration.StderrAppender) root.getAppender("STDERR");
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.photo").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.getLogger("dev.photo.cli.client.ApiClient").info("not shown");
            assertThat(appender.consoleMade()).isFalse();
            context.getLogger("dev.photo.cli.client.ApiClient").warn("shown {}", 1);
        } finally {
            System.setErr(stderr);
            context.stop();
        }

        assertThat(appender.consoleMade()).isTrue();
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main\\] dev\\.photo\\.cli\\.client\\.ApiClient - shown 1"
                        + System.lineSeparator());
    }
}
