package dev.photo.cli.command;

import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoPage;
import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import dev.photo.cli.output.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code photo list [--album A] [--limit N] [--all]}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = "List your photos, newest first.")
public final class ListCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = {"-a", "--album"}, paramLabel = "NAME", description = "Only this album.")
    String album;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "Photos per page, 1-1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "Follow the pages to the end.")
    boolean all;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after an earlier page (its nextCursor).")
    String cursor;

    public ListCommand(CliContext context) {
        this.context = context;
    }

    /** The JSON document: every photo listed, and where the next page starts ({@code null}: no more). */
    record Listing(List<PhotoInfo> photos, String nextCursor) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (limit < 1 || limit > 1000) {
            throw CliException.usage("--limit must be between 1 and 1000");
        }
        Listing listing;
        try (Session session = Commands.openSession(context, spec)) {
            listing = fetch(session);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, listing);
        } else {
            output.print(table(listing.photos()), out, context);
            if (listing.nextCursor() != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("more photos: use --all, or --cursor " + listing.nextCursor());
                err.flush();
            }
        }
        return 0;
    }

    private Listing fetch(Session session) throws InterruptedException {
        List<PhotoInfo> photos = new ArrayList<>();
        String next = cursor;
        do {
            PhotoPage page = session.api().listPhotos(album, limit, next);
            photos.addAll(page.photos());
            next = page.nextCursor();
        } while (all && next != null);
        return new Listing(photos, next);
    }

    private static Table table(List<PhotoInfo> photos) {
        Table table = Table.withColumns("ID", "ALBUM", "NAME", "STATUS", "SIZE", "PIXELS", "TAKEN", "UPLOADED")
                .alignRight("SIZE").shrinkable("ALBUM", "NAME", "STATUS").colour("STATUS", Table::statusColour);
        for (PhotoInfo photo : photos) {
            String pixels = photo.width() == null || photo.height() == null ? null
                    : photo.width() + "x" + photo.height();
            String status = photo.errorText() == null ? photo.status() : photo.status() + ": " + photo.errorText();
            table.row(photo.photoId(), photo.album(), photo.fileName(), status, Table.bytes(photo.size()), pixels,
                    Times.seconds(photo.takenAt()), Times.seconds(photo.uploadedAt()));
        }
        return table;
    }
}
