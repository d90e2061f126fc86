package dev.photo.cli.mixin;

import dev.photo.cli.CliContext;
import dev.photo.cli.output.OutputFormat;
import dev.photo.cli.output.Table;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --output table|json|plain} of the commands that print results. */
public final class OutputOptions {

    @Option(names = {"--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). plain: one record "
                    + "per line, tab-separated, no header, sizes in bytes.")
    OutputFormat format = OutputFormat.table;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.json;
    }

    public boolean plain() {
        return format == OutputFormat.plain;
    }

    /**
     * How a table prints in this format: plain records, or columns fitted to the terminal (no limit and no colour
     * when stdout is not one, or with {@code $NO_COLOR}).
     */
    public Table.Layout layout(CliContext context) {
        return plain() ? Table.Layout.PLAIN : Table.Layout.table(context.terminal().width(), context.colour());
    }

    /** Prints {@code table} in this format ({@code --output json} prints its own document instead). */
    public void print(Table table, PrintWriter out, CliContext context) {
        table.print(out, layout(context));
    }
}
