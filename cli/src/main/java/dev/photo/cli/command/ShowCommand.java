package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Sizes;
import dev.photo.cli.output.Table;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.PhotoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code photo show ID}: every field of one photo. The JSON is the API's document minus the presigned URLs, whose
 * signatures are secrets that would end up in logs and terminals.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show all metadata of one photo: dimensions, taken-at, camera, status and reason, sizes,"
                + " thumbnails.")
public final class ShowCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "ID", description = "The photo id (from photo list).")
    String photoId;

    public ShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PhotoDetails details;
        try (Session session = Commands.openSession(context, spec)) {
            details = session.api().photo(photoId);
        }
        PhotoInfo p = details.photo();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, p);
            return 0;
        }
        Table table = Table.withColumns("FIELD", "VALUE").shrinkable("VALUE")
                .row("id", p.photoId())
                .row("album", p.album())
                .row("name", p.fileName())
                .row("status", p.status() + (p.errorText() == null ? "" : ": " + p.errorText()))
                .row("type", p.contentType())
                .row("size", p.size() == null ? null : output.plain() ? p.size()
                        : Sizes.human(p.size()) + " (" + p.size() + " bytes)")
                .row("pixels", p.width() == null ? null : p.width() + "x" + p.height())
                .row("taken", p.takenAt())
                .row("camera", p.camera())
                .row("uploaded", p.uploadedAt())
                .row("processed", p.processedAt())
                .row("thumbnails", p.thumbnails() == null ? null
                        : p.thumbnails().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .row("sha256", p.sha256());
        output.print(table, out, context);
        return 0;
    }
}
