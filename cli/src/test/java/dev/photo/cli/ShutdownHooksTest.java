package dev.photo.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownHooksTest {

    @Test
    void steps_run_last_registered_first_and_a_failing_one_does_not_stop_the_rest() {
        ShutdownHooks hooks = new ShutdownHooks();
        List<String> ran = new ArrayList<>();
        hooks.register("stop the local stack", () -> ran.add("stack"));
        hooks.register("broken", () -> {
            throw new IllegalStateException("boom");
        });
        hooks.register("save the upload state", () -> ran.add("upload"));

        hooks.runAll();

        assertThat(ran).containsExactly("upload", "stack");
    }

    @Test
    void a_closed_registration_never_runs() {
        ShutdownHooks hooks = new ShutdownHooks();
        List<String> ran = new ArrayList<>();
        hooks.register("kept", () -> ran.add("kept"));
        hooks.register("done", () -> ran.add("done")).close();

        hooks.runAll();

        assertThat(ran).containsExactly("kept");
    }
}
