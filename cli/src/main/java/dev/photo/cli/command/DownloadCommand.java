package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ShutdownHooks;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.download.DownloadItem;
import dev.photo.cli.download.DownloadListener;
import dev.photo.cli.download.DownloadOutcome;
import dev.photo.cli.download.DownloadReport;
import dev.photo.cli.download.Downloader;
import dev.photo.cli.download.NamePlan;
import dev.photo.cli.mixin.ConcurrencyOptions;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.DownloadProgress;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import dev.photo.contract.AlbumNames;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoPage;
import dev.photo.contract.PhotoStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code photo download ID... | --album A | --all [--thumbnail SIZE] [-o DIR] [--force]}. */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download photos (or their thumbnails) under their stored file names, made safe for this "
                + "file system, in parallel with one progress bar.",
                "Each original is checked against its stored SHA-256 before it takes its name. A local file with "
                        + "the same SHA-256 is skipped; a different one is kept and reported as a conflict "
                        + "(exit 7) unless --force is given. An interrupted run leaves .photo-ID.part files that "
                        + "the same command continues with HTTP Range requests.",
                "Names: path parts, control characters, Windows' reserved characters and device names are "
                        + "removed, long names cut; photos with the same name get 'name (2).jpg' in the order they "
                        + "were uploaded; thumbnails are named 'name.thumb256.jpg'."})
public final class DownloadCommand implements Callable<Integer> {

    /** The largest page {@code GET /photos} gives. */
    private static final int PAGE = 1000;
    /** Reasons for a skip that need no line of their own: the file is simply there already. */
    private static final Set<String> ALREADY_THERE = Set.of("same_sha256", "same_bytes");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Photo ids, as `photo list` shows them.")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-a", "--album"}, paramLabel = "NAME", description = "Download every photo of this album.")
    String album;

    @Option(names = "--all", description = "Download every photo you have.")
    boolean all;

    @Option(names = "--thumbnail", paramLabel = "SIZE",
            description = "Download the thumbnail of this size instead (one of the sizes the server makes, "
                    + "as GET /config lists them: 256 or 1024 by default).")
    Integer thumbnail;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder to write into, made if missing (default: the current folder).")
    Path directory;

    @Option(names = {"-f", "--force"}, description = "Replace local files that differ from the photo.")
    boolean force;

    @Mixin
    ConcurrencyOptions concurrency;

    @Mixin
    OutputOptions output;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    public DownloadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        validate();
        Files.createDirectories(directory);
        PrintWriter err = spec.commandLine().getErr();
        RetryPolicy retry = concurrency.retry(context.retryBaseDelay());
        Downloader.Settings settings = new Downloader.Settings(concurrency.parallel(), retry, force);
        List<DownloadOutcome> outcomes = new ArrayList<>();
        try (Session session = Commands.openSession(context, spec)) {
            ApiClient api = session.api().withRetry(retry);
            if (thumbnail != null) {
                checkThumbnailSize(api);
            }
            List<PhotoInfo> photos;
            List<PhotoDetails> known = List.of();
            if (!ids.isEmpty()) {
                Downloader.Lookup lookup = new Downloader(api::photo, session.transfer(), settings,
                        DownloadListener.none(), context.clock()).lookUp(ids, thumbnail);
                outcomes.addAll(lookup.missing());
                known = lookup.found();
                photos = known.stream().map(PhotoDetails::photo).toList();
            } else {
                photos = listAll(api);
            }
            List<DownloadItem> items = NamePlan.assign(photos, thumbnail, !ids.isEmpty());
            outcomes.addAll(download(session, api, settings, items, known, err));
        }
        DownloadReport report = new DownloadReport(directory.toString(), outcomes);
        print(report, err);
        return report.exitCode();
    }

    private List<DownloadOutcome> download(Session session, ApiClient api, Downloader.Settings settings,
                                           List<DownloadItem> items, List<PhotoDetails> known, PrintWriter err)
            throws InterruptedException {
        // a bar is for a person at a terminal; JSON goes to scripts, whose stderr it would only clutter
        boolean bar = !quiet && !output.json() && context.terminal().interactive() && !items.isEmpty();
        long bytes = items.stream().filter(i -> i.thumbnailSize() == null
                        && PhotoStatus.READY.name().equals(i.photo().status()) && i.photo().size() != null)
                .mapToLong(i -> i.photo().size()).sum();
        try (DownloadProgress progress = bar ? new DownloadProgress(items.size(), bytes, err, context.terminal().width()) : null) {
            Downloader downloader = new Downloader(api::photo, session.transfer(), settings,
                    progress == null ? DownloadListener.none() : progress, context.clock());
            try (ShutdownHooks.Registration notice = ShutdownHooks.onShutdown("download notice",
                    () -> interrupted(downloader, items.size(), err))) {
                return downloader.run(directory, items, known);
            }
        }
    }

    private static void interrupted(Downloader downloader, int total, PrintWriter err) {
        err.printf("%nphoto: interrupted: %d of %d photos done; run the same command again to resume "
                + "(partial downloads continue where they stopped)%n", downloader.ended(), total);
        err.flush();
    }

    /** Every photo of the album (or all of them), following {@code nextCursor} to the last page. */
    private List<PhotoInfo> listAll(ApiClient api) throws InterruptedException {
        List<PhotoInfo> photos = new ArrayList<>();
        String cursor = null;
        do {
            PhotoPage page = api.listPhotos(album, PAGE, cursor);
            photos.addAll(page.photos());
            cursor = page.nextCursor();
        } while (cursor != null);
        return photos;
    }

    private void checkThumbnailSize(ApiClient api) throws InterruptedException {
        List<Integer> sizes = api.config().thumbnailSizes();
        // a server that does not list its sizes gets asked anyway; each photo then says what it has
        if (sizes != null && !sizes.isEmpty() && !sizes.contains(thumbnail)) {
            throw CliException.usage("--thumbnail must be one of the server's sizes: "
                    + sizes.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }

    private void validate() {
        int selectors = (ids.isEmpty() ? 0 : 1) + (album == null ? 0 : 1) + (all ? 1 : 0);
        if (selectors != 1) {
            throw CliException.usage(selectors == 0 ? "say what to download: photo ids, --album NAME or --all"
                    : "give photo ids, --album NAME or --all, not several of them");
        }
        if (album != null && !AlbumNames.isValid(album)) {
            throw CliException.usage("invalid album '" + album + "': " + AlbumNames.RULE);
        }
        if (thumbnail != null && thumbnail < 1) {
            throw CliException.usage("--thumbnail must be a size in pixels, such as 256");
        }
        concurrency.validate();
    }

    private void print(DownloadReport report, PrintWriter err) {
        for (DownloadOutcome file : report.failed()) {
            err.println("photo: error: " + file.photoId() + ": " + file.message());
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, report);
            return;
        }
        if (output.plain()) {
            // one record per file, skipped ones included, and no summary line: for cut and awk
            Table records = Table.withColumns("STATUS", "FILE", "PHOTO", "REASON");
            report.files().forEach(file -> records.row(file.status().label(), file.path(), file.photoId(),
                    file.message()));
            output.print(records, out, context);
            out.flush();
            return;
        }
        DownloadReport.Totals t = report.totals();
        int photos = report.files().size();
        out.printf("downloaded %d, skipped %d, conflicts %d, failed %d (%d photo%s) into %s%n", t.downloaded(),
                t.skipped(), t.conflicts(), t.failed() - t.conflicts(), photos, photos == 1 ? "" : "s",
                report.directory());
        Table table = Table.withColumns("STATUS", "FILE", "PHOTO", "REASON");
        for (DownloadOutcome file : report.files()) {
            if (file.reason() == null || !ALREADY_THERE.contains(file.reason())) {
                table.row(file.status().label(), file.path(), file.photoId(), file.message());
            }
        }
        if (!table.isEmpty()) {
            output.print(table, out, context);
        }
        out.flush();
    }
}
