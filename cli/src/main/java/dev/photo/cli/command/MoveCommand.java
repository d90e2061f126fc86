package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import dev.photo.contract.AlbumNames;
import dev.photo.contract.PhotoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code photo move ID... --album NEW}: moves photos to another album, one by one. */
@Command(name = "move", aliases = "mv", mixinStandardHelpOptions = true,
        description = "Move photos to another album (created if it does not exist).")
public final class MoveCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "Photo ids (from photo list).")
    List<String> ids;

    @Option(names = {"-a", "--album"}, paramLabel = "NAME", required = true, description = "The album to move to.")
    String album;

    public MoveCommand(CliContext context) {
        this.context = context;
    }

    /** The JSON document: the photos as they now are, and those that failed. */
    record Moved(List<PhotoInfo> moved, List<PerPhoto.Failure> failed) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!AlbumNames.isValid(album)) {
            throw CliException.usage("--album " + album + " is not a valid album name: " + AlbumNames.RULE);
        }
        List<PhotoInfo> moved = new ArrayList<>();
        PerPhoto results = new PerPhoto();
        try (Session session = Commands.openSession(context, spec)) {
            for (String id : new LinkedHashSet<>(ids)) {
                results.attempt(id, photoId -> session.api().movePhoto(photoId, album)).ifPresent(moved::add);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, new Moved(moved, results.failures()));
        } else {
            Table table = Table.withColumns("ID", "NAME", "RESULT");
            moved.forEach(p -> table.row(p.photoId(), p.fileName(), "moved to " + p.album()));
            results.failures().forEach(f -> table.row(f.photoId(), null, "failed: " + f.message()));
            output.print(table, out, context);
        }
        return results.exitCode();
    }
}
