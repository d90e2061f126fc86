package dev.photo.cli.mixin;

import dev.photo.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --output table|json} of the commands that print results. */
public final class OutputOptions {

    @Option(names = {"--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.json;
    }
}
