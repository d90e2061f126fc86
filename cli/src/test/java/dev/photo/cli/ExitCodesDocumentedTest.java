package dev.photo.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** ExitCodes is the one list: the README's table and every --help that shows codes name exactly its codes. */
class ExitCodesDocumentedTest {

    private static final Pattern README_ROW = Pattern.compile("^\\| (\\d+) \\|", Pattern.MULTILINE);

    private static Set<Integer> constants() {
        return Arrays.stream(ExitCodes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
                .map(ExitCodesDocumentedTest::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static int value(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_readme_table_lists_exactly_the_exit_codes() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Exit codes"));
        int next = section.indexOf("\n## ", 1);
        section = next < 0 ? section : section.substring(0, next);
        Set<Integer> documented = new TreeSet<>();
        Matcher m = README_ROW.matcher(section);
        while (m.find()) {
            documented.add(Integer.parseInt(m.group(1)));
        }

        assertThat(documented).isEqualTo(constants());
    }

    @Test
    void the_descriptions_cover_every_exit_code() {
        Set<Integer> described = ExitCodes.descriptions().keySet().stream().map(String::trim)
                .map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));

        assertThat(described).isEqualTo(constants());
    }

    @Test
    void photo_help_and_upload_help_show_the_same_list() {
        for (List<String> args : List.of(List.of("--help"), List.of("upload", "--help"))) {
            StringWriter out = new StringWriter();
            CommandLineFactory.create(CliContext.fromEnvironment(Map.of()), new PrintWriter(out),
                    new PrintWriter(new StringWriter())).execute(args.toArray(String[]::new));
            String help = out.toString();
            String list = help.substring(help.indexOf("Exit codes:"));
            ExitCodes.descriptions().forEach((code, meaning) ->
                    assertThat(list).as(String.join(" ", args)).containsPattern(
                            "(?m)^\\s*" + code.trim() + ":? +" + Pattern.quote(meaning) + "$"));
        }
    }
}
