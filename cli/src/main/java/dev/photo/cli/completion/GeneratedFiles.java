package dev.photo.cli.completion;

import dev.photo.cli.CliContext;
import dev.photo.cli.CommandLineFactory;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.model.ModelSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files generated from the command model, by their path in the source tree: the completion scripts under
 * {@code completions/} and the man pages under {@code packaging/man/}. The packaging step writes them afresh from
 * the jar it packs; the committed copies are checked against the model by a test. Also the Java source of the
 * command models generated from the annotations ({@link ModelSource}), checked the same way.
 *
 * <p>{@code main(DIR)} writes them under {@code DIR} and deletes man pages of commands that are gone.
 */
public final class GeneratedFiles {

    public static final Path COMPLETIONS = Path.of("completions");
    public static final Path MAN = Path.of("packaging", "man");

    private GeneratedFiles() {
    }

    /**
     * The full command tree as picocli reads it from the annotations, with no backend opened: the source of every
     * generated file, the generated command models included ({@code photo} itself builds the same tree partly from
     * those; GeneratedModelTest).
     */
    public static CommandLine commandModel() {
        CliContext context = CliContext.fromEnvironment(Map.of());
        PrintWriter sink = new PrintWriter(new StringWriter());
        return CommandLineFactory.createFromAnnotations(context, sink, sink);
    }

    public static Map<Path, String> files(CommandLine root) {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(COMPLETIONS.resolve("photo.bash"), CompletionScripts.script(Shell.bash, root));
        files.put(COMPLETIONS.resolve("_photo"), CompletionScripts.script(Shell.zsh, root));
        files.put(COMPLETIONS.resolve("photo.fish"), CompletionScripts.script(Shell.fish, root));
        ManPages.pages(root, ExitCodes.descriptions()).forEach((name, page) -> files.put(MAN.resolve(name), page));
        files.putAll(ModelSource.files());
        return files;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GeneratedFiles OUTPUT_DIR");
        }
        Path base = Path.of(args[0]);
        Map<Path, String> files = files(commandModel());
        Path man = base.resolve(MAN);
        if (Files.isDirectory(man)) {
            try (Stream<Path> pages = Files.list(man)) {
                for (Path page : pages.filter(p -> p.toString().endsWith(".1")).toList()) {
                    if (!files.containsKey(MAN.resolve(page.getFileName()))) {
                        Files.delete(page);
                    }
                }
            }
        }
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Path target = base.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }
}
