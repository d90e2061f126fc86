package dev.photo.cli.output;

import dev.photo.cli.config.EnvironmentDefaults;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.IOptionRenderer;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;
import java.util.List;

/**
 * Help whose option list shows, under each option, the environment variables it is read from
 * ({@code env: PHOTO_UPLOAD_ALBUM}), most specific first, so that the variable of an option is found where the option is.
 */
public final class EnvironmentHelp implements IHelpFactory {

    /** What starts each variable's row in an option's help: {@code env: PHOTO_UPLOAD_ALBUM}. */
    public static final String ROW_PREFIX = "env: ";

    @Override
    public Help create(CommandSpec commandSpec, ColorScheme colorScheme) {
        return new Help(commandSpec, colorScheme) {
            @Override
            public IOptionRenderer createDefaultOptionRenderer() {
                IOptionRenderer plain = super.createDefaultOptionRenderer();
                return (option, labels, scheme) -> {
                    Text[][] rows = plain.render(option, labels, scheme);
                    List<String> variables = EnvironmentDefaults.variables(option);
                    if (variables.isEmpty() || rows.length == 0) {
                        return rows;
                    }
                    // a row each: two long names on one line would wrap in the middle of a name
                    Text[][] result = Arrays.copyOf(rows, rows.length + variables.size());
                    for (int i = 0; i < variables.size(); i++) {
                        Text[] extra = new Text[rows[0].length];
                        Arrays.fill(extra, scheme.text(""));
                        extra[extra.length - 1] = scheme.text(ROW_PREFIX + variables.get(i));
                        result[rows.length + i] = extra;
                    }
                    return result;
                };
            }
        };
    }

    /** {@code env: PHOTO_LIST_OUTPUT, PHOTO_OUTPUT}, or {@code null} for an option the environment cannot set. */
    public static String line(List<String> variables) {
        return variables.isEmpty() ? null : ROW_PREFIX + String.join(", ", variables);
    }
}
