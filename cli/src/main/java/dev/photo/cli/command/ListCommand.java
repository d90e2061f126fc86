package dev.photo.cli.command;

import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoPage;
import dev.photo.contract.PhotoQuery;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code photo list [--album A] [--status S] [--since T] [--until T] [--by taken|uploaded] [--limit N]}: pages
 * through every photo the filters keep unless {@code --limit} caps them. The filters are applied by the server.
 */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "List your photos, newest first: all of them, or those the filters keep.")
public final class ListCommand implements Callable<Integer> {

    /** Photos asked per request when nothing caps them. */
    static final int PAGE = 100;
    /** The most photos one request may ask for (the API's bound). */
    private static final int MAX_PAGE = 1000;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = {"-a", "--album"}, paramLabel = "NAME", description = "Only this album.")
    String album;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only photos in this status: PENDING, READY or REJECTED.")
    String status;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only photos from this date (2024-07-01, a UTC day) or instant (2024-07-01T09:00:00Z) on.")
    String since;

    @Option(names = "--until", paramLabel = "WHEN",
            description = "Only photos before this instant, or up to and including this date.")
    String until;

    @Option(names = "--by", paramLabel = "TIME", defaultValue = "taken",
            description = "What --since and --until compare: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE};"
                    + " taken is the upload time for a photo with no taken-at yet).")
    PhotoQuery.TimeField by;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N photos (default: all). With --all, the photos asked per request.")
    Integer limit;

    @Option(names = "--all", hidden = true,
            description = "Follow the pages to the end whatever --limit says (the default without --limit).")
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
        if (limit != null && limit < 1) {
            throw CliException.usage("--limit must be at least 1");
        }
        Map<String, String> filters = filters();
        Listing listing;
        try (Session session = Commands.openSession(context, spec)) {
            listing = fetch(session, filters);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, listing);
        } else {
            output.print(table(listing.photos()), out, context);
            if (listing.nextCursor() != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("more photos: continue with --cursor " + listing.nextCursor()
                        + ", or list them all without --limit (or with --all)");
                err.flush();
            }
        }
        return 0;
    }

    /** The query parameters of the filters given, checked here as the server would check them. */
    private Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        if (status != null) {
            String upper = status.toUpperCase(Locale.ROOT);
            if (PhotoQuery.status(upper).isEmpty()) {
                throw CliException.usage("--status must be PENDING, READY or REJECTED, not " + status);
            }
            filters.put(PhotoQuery.STATUS, upper);
        }
        Instant from = null;
        if (since != null) {
            from = PhotoQuery.since(since).orElseThrow(() -> badTime("--since", since));
            filters.put(PhotoQuery.SINCE, since);
        }
        if (until != null) {
            Instant to = PhotoQuery.until(until).orElseThrow(() -> badTime("--until", until));
            if (from != null && !from.isBefore(to)) {
                throw CliException.usage("--since must be before --until");
            }
            filters.put(PhotoQuery.UNTIL, until);
        }
        if (by != PhotoQuery.TimeField.taken) {
            filters.put(PhotoQuery.BY, by.name());
        }
        return filters;
    }

    private static CliException badTime(String option, String value) {
        return CliException.usage(option + " must be a date (2024-07-01) or an ISO-8601 instant"
                + " (2024-07-01T09:00:00Z), not " + value);
    }

    /**
     * Every page, or until {@code --limit} photos: each request asks for no more than are still wanted, so the cursor
     * left over continues exactly after the last photo shown.
     */
    private Listing fetch(Session session, Map<String, String> filters) throws InterruptedException {
        List<PhotoInfo> photos = new ArrayList<>();
        String next = cursor;
        boolean capped = limit != null && !all;
        do {
            int ask = capped ? Math.min(limit - photos.size(), MAX_PAGE)
                    : limit == null ? PAGE : Math.min(limit, MAX_PAGE);
            PhotoPage page = session.api().listPhotos(album, filters, ask, next);
            photos.addAll(page.photos());
            next = page.nextCursor();
        } while (next != null && (!capped || photos.size() < limit));
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
