package dev.photo.backend.core.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorFuzzTest {

    /**
     * 14 seed images x 50 = 700 inputs, in a JVM of its own with the 256 MB heap the processor must live within (this
     * JVM's heap is larger and would hide an exhaustion); each input has a 5 s budget, ample for images this small.
     * Once per JPEG decoder: a crash in native code would end the child JVM without its figures.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(JpegDecoding.class)
    void hundreds_of_mutated_and_truncated_images_never_throw_hang_or_exhaust_a_256_mb_heap(JpegDecoding decoding)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-XX:+ExitOnOutOfMemoryError",
                "-D" + JpegDecoding.PROPERTY + "=" + (decoding == JpegDecoding.JAVA ? "java" : "libjpeg-turbo"),
                "-cp", System.getProperty("java.class.path"),
                ProcessorFuzz.class.getName(), "50", "20261201", "5000"))
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            child.destroyForcibly();
            throw e;
        }
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String figures = output.lines().filter(l -> l.startsWith("fuzz:") || l.startsWith("FAIL"))
                .reduce("", (a, b) -> a + b + "\n");
        System.out.print(figures); // the figures the issue asks for, in the test's report
        assertThat(child.exitValue()).as(output.length() > 4000 ? figures : output).isZero();
        assertThat(figures).contains("fuzz: inputs 700").doesNotContain("FAIL");
        if (decoding == JpegDecoding.LIBJPEG_TURBO && TurboJpeg.available()) {
            assertThat(figures).contains("fuzz: decoder libjpeg-turbo");
        } else {
            assertThat(figures).contains("fuzz: decoder JDK ImageIO");
        }
    }
}
