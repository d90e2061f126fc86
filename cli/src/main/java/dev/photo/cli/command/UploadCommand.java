package dev.photo.cli.command;

import dev.photo.contract.AlbumNames;
import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.backend.Session;
import dev.photo.cli.config.AlbumNameCache;
import dev.photo.contract.BackendInfo;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.mixin.TransferOptions;
import dev.photo.cli.output.ProcessingProgress;
import dev.photo.cli.output.UploadProgress;
import dev.photo.cli.output.UploadReportPrinter;
import dev.photo.cli.upload.DryRunPlanner;
import dev.photo.cli.upload.Durations;
import dev.photo.cli.upload.FileScanner;
import dev.photo.cli.upload.LocalFile;
import dev.photo.cli.upload.ProcessingWaiter;
import dev.photo.cli.upload.ScanOptions;
import dev.photo.cli.upload.ScanResult;
import dev.photo.cli.upload.TransferSettings;
import dev.photo.cli.upload.UploadListener;
import dev.photo.cli.upload.UploadOutcome;
import dev.photo.cli.upload.UploadReport;
import dev.photo.cli.upload.UploadState;
import dev.photo.cli.upload.UploadStatus;
import dev.photo.cli.upload.Uploader;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code photo upload DIR|FILE... --album NAME | --album-from-folder}. */
@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload photos, folders recursively, into an album.",
                "In folders, hidden files and folders and known junk (.DS_Store, ._*, @eaDir, Thumbs.db, "
                        + "desktop.ini) are left out, symbolic links are not followed, and files that are not "
                        + "photos by their extension are skipped. Files already uploaded are duplicates and "
                        + "cost nothing. Progress goes to stderr (a bar on a terminal, a line every 5 s "
                        + "otherwise), results to stdout.",
                "Globs are java.nio glob patterns matched against the path below the folder argument "
                        + "(2024/IMG_1.jpg); a pattern without '/' is also matched against the file name."})
public final class UploadCommand implements Callable<Integer> {

    static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Photos or folders of photos.")
    List<Path> paths;

    @Option(names = {"-a", "--album"}, paramLabel = "NAME",
            description = {"Album to upload into: 1-64 letters, digits, space, . _ -",
                    "Required unless --album-from-folder; with it, the album of files not in a top-level folder."})
    String album;

    @Option(names = "--album-from-folder",
            description = "Each top-level folder under a DIR becomes an album of that name.")
    boolean albumFromFolder;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Upload only files matching GLOB (repeatable; any one must match).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Leave out files and folders matching GLOB (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--hidden", description = "Take hidden files and folders (.name) in folders too.")
    boolean hidden;

    @Option(names = "--recursive", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Walk folders below each DIR (default); --no-recursive takes only the files directly "
                    + "in it (with --album-from-folder: directly in each album folder).")
    boolean recursive;

    @Option(names = "--follow-symlinks",
            description = "Follow symbolic links found in folders (loops are detected and skipped).")
    boolean followSymlinks;

    @Option(names = {"-n", "--dry-run"},
            description = "Hash the files and show what would be uploaded, skipped and rejected; change nothing.")
    boolean dryRun;

    @Option(names = "--wait",
            description = {"After uploading, wait until every uploaded photo is READY or REJECTED and report each "
                    + "(ignored with --dry-run); progress shows ready, rejected and pending as it goes.",
                    "Exit code 3 when some photos were rejected or were still PENDING at --wait-timeout and the "
                    + "others are stored, 1 when none is."})
    boolean await;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Give up waiting after DURATION, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout = DEFAULT_WAIT;

    @Mixin
    TransferOptions transfer;

    @Option(names = "--no-cache",
            description = "Read and hash every file again, instead of declaring the files an earlier run stored "
                    + "with the checksum it kept.")
    boolean noCache;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    public UploadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        ScanResult scan = FileScanner.scan(paths, new ScanOptions(includes, excludes, hidden, recursive,
                followSymlinks, albumFromFolder, album));
        PrintWriter err = spec.commandLine().getErr();
        if (scan.files().isEmpty() && scan.notSent().isEmpty()) {
            err.println("photo: nothing to upload: no photos found under " + paths);
            return ExitCodes.OK;
        }
        List<UploadOutcome> outcomes = new ArrayList<>();
        if (!scan.files().isEmpty()) {
            try (Session session = Commands.openSession(context, spec)) {
                outcomes.addAll(dryRun ? plan(session, scan.files(), err) : upload(session, scan.files(), err));
            }
        }
        outcomes.addAll(scan.notSent());
        UploadReport report = UploadReport.of(outcomes, scan.ignored(), dryRun);
        if (output.json()) {
            UploadReportPrinter.print(spec.commandLine().getOut(), report, true);
        } else {
            UploadReportPrinter.print(spec.commandLine().getOut(), report, output.layout(context));
        }
        return report.exitCode();
    }

    private List<UploadOutcome> plan(Session session, List<LocalFile> files, PrintWriter err)
            throws InterruptedException {
        try (UploadProgress progress = progress("dry run", files, err)) {
            TransferSettings settings = settings(session);
            return new DryRunPlanner(session.api().withRetry(settings.retry()), settings, listener(progress))
                    .plan(files);
        }
    }

    private List<UploadOutcome> upload(Session session, List<LocalFile> files, PrintWriter err)
            throws InterruptedException {
        UploadReport report;
        // a login (the local stack's automatic one, or a refresh) then overlaps with opening the state and hashing
        session.auth().prepareInBackground();
        try (UploadProgress progress = progress("upload", files, err);
             UploadState state = UploadState.open(
                     Commands.uploadStateDir(context, spec, session.profile().name()), err)) {
            if (noCache) {
                state.ignoreStoredFiles();
            }
            TransferSettings settings = settings(session);
            // --retries covers the API calls of the upload too
            Uploader uploader = new Uploader(session.api().withRetry(settings.retry()), session.transfer(), settings,
                    state, listener(progress), err);
            report = uploader.upload(files);
        }
        List<UploadOutcome> outcomes = report.files();
        // the albums it stored into, offered by the shell's completion of --album from now on
        new AlbumNameCache(context.profileStateDir(session.profile().name())).add(outcomes.stream()
                .filter(o -> o.status().succeeded() && o.album() != null).map(UploadOutcome::album).toList());
        if (outcomes.stream().anyMatch(o -> o.status() == UploadStatus.UPLOADED)) {
            // an in-process stack would stop before making the thumbnails of what just arrived
            session.awaitBackendIdle();
        }
        if (await) {
            outcomes = awaitProcessing(session, outcomes, err);
        }
        return outcomes;
    }

    private List<UploadOutcome> awaitProcessing(Session session, List<UploadOutcome> outcomes, PrintWriter err)
            throws InterruptedException {
        long uploaded = outcomes.stream().filter(o -> o.photoId() != null
                && o.status() == UploadStatus.UPLOADED).count();
        if (uploaded == 0) {
            return outcomes;
        }
        if (!quiet) {
            err.println("photo: waiting for " + uploaded + " photo" + (uploaded == 1 ? "" : "s")
                    + " to be processed (at most " + Durations.format(waitTimeout) + ")");
            err.flush();
        }
        ProcessingWaiter waiter = new ProcessingWaiter(session.api(), context.clock(), waitTimeout);
        if (quiet) {
            return waiter.await(outcomes, tally -> { });
        }
        try (ProcessingProgress progress = ProcessingProgress.start((int) uploaded, err,
                context.terminal().interactive(), context.terminal().width(), context.clock(),
                UploadProgress.LINE_INTERVAL)) {
            return waiter.await(outcomes, progress::update);
        }
    }

    /**
     * Asked once per run: whether one PUT or parts suit the server depends on its store, and the batch size is the
     * server's to set.
     */
    private TransferSettings settings(Session session) throws InterruptedException {
        BackendInfo server = session.api().config();
        return transfer.settings(context.retryBaseDelay(), server).withMaxBatch(server.maxBatch());
    }

    private UploadProgress progress(String task, List<LocalFile> files, PrintWriter err) {
        if (quiet) {
            return null;
        }
        long totalBytes = files.stream().mapToLong(LocalFile::size).sum();
        return UploadProgress.start(task, files.size(), totalBytes, err, context.terminal().interactive(),
                context.terminal().width(), context.clock(), UploadProgress.LINE_INTERVAL);
    }

    private static UploadListener listener(UploadProgress progress) {
        return progress == null ? UploadListener.none() : progress;
    }

    private void validate() {
        if (album == null && !albumFromFolder) {
            throw CliException.usage("--album NAME is required (or --album-from-folder to take albums from "
                    + "top-level folders)");
        }
        if (album != null && !AlbumNames.isValid(album)) {
            throw CliException.usage("invalid album '" + album + "': " + AlbumNames.RULE);
        }
        transfer.validate();
    }

    /** {@code --wait-timeout}: {@code 90s}, {@code 10m}, {@code 1h}, or ISO-8601. */
    static final class DurationConverter implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
