package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import dev.photo.cli.upload.UploadState;
import dev.photo.contract.AlbumNames;
import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoPage;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code photo delete ID... | --album A [--yes]}: deletes photos (original, thumbnails, record) one by one, after a
 * confirmation on the terminal unless {@code --yes}. The upload cache forgets them, so that uploading the same file
 * again sends it again.
 */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Delete photos (original, thumbnails and record) by id, or a whole album.")
public final class DeleteCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Photo ids (from photo list).")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-a", "--album"}, paramLabel = "NAME", description = "Delete every photo of this album.")
    String album;

    @Option(names = {"-y", "--yes"},
            description = "Do not ask for confirmation (needed where there is no terminal, as in scripts).")
    boolean yes;

    public DeleteCommand(CliContext context) {
        this.context = context;
    }

    /** The JSON document: the ids deleted and those that failed, with why. */
    record Deleted(List<String> deleted, List<PerPhoto.Failure> failed) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (ids.isEmpty() == (album == null)) {
            throw CliException.usage("name the photos to delete: photo ids, or --album NAME (not both)");
        }
        if (album != null && !AlbumNames.isValid(album)) {
            throw CliException.usage("--album " + album + " is not a valid album name: " + AlbumNames.RULE);
        }
        if (!yes && !context.terminal().interactive()) {
            throw CliException.usage("refusing to delete without --yes: there is no terminal to confirm on");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> deleted = new ArrayList<>();
        PerPhoto results = new PerPhoto();
        try (Session session = Commands.openSession(context, spec)) {
            List<String> targets = album == null ? List.copyOf(new LinkedHashSet<>(ids)) : albumPhotos(session);
            if (targets.isEmpty()) {
                throw new CliException(ExitCodes.NOT_FOUND, "album " + album + " has no photos");
            }
            if (!yes && !confirmed(targets.size())) {
                err.println("nothing deleted");
                err.flush();
                return ExitCodes.ERROR;
            }
            try {
                for (String id : targets) {
                    results.attempt(id, photoId -> {
                        session.api().deletePhoto(photoId);
                        return photoId;
                    }).ifPresent(deleted::add);
                }
            } finally {
                forgetUploads(session, deleted);
            }
        }
        if (output.json()) {
            JsonOutput.print(out, new Deleted(deleted, results.failures()));
        } else {
            Table table = Table.withColumns("ID", "RESULT");
            deleted.forEach(id -> table.row(id, "deleted"));
            results.failures().forEach(f -> table.row(f.photoId(), "failed: " + f.message()));
            output.print(table, out, context);
            err.println("deleted " + deleted.size() + " of " + (deleted.size() + results.failures().size())
                    + " photos");
            err.flush();
        }
        return results.exitCode();
    }

    /** Every photo of the album, read to the end before the first delete so that paging is not disturbed. */
    private List<String> albumPhotos(Session session) throws InterruptedException {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            PhotoPage page = session.api().listPhotos(album, Map.of(), 1000, cursor);
            page.photos().stream().map(PhotoInfo::photoId).forEach(out::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    private boolean confirmed(int count) {
        String what = album == null ? count + (count == 1 ? " photo" : " photos")
                : "all " + count + (count == 1 ? " photo" : " photos") + " of album " + album;
        Optional<String> answer = context.terminal().readLine("Delete " + what
                + " (originals, thumbnails and records)? This cannot be undone. [y/N] ");
        return answer.map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> a.equals("y") || a.equals("yes"))
                .isPresent();
    }

    private void forgetUploads(Session session, List<String> deleted) {
        if (deleted.isEmpty()) {
            return;
        }
        try (UploadState state = UploadState.open(
                Commands.uploadStateDir(context, spec, session.profile().name()), spec.commandLine().getErr())) {
            state.forgetPhotos(deleted);
        }
    }
}
