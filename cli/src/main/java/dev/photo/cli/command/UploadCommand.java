package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.mixin.TransferOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.ProgressBars;
import dev.photo.cli.output.Table;
import dev.photo.cli.upload.FileScanner;
import dev.photo.cli.upload.LocalFile;
import dev.photo.cli.upload.ScanResult;
import dev.photo.cli.upload.UploadListener;
import dev.photo.cli.upload.UploadOutcome;
import dev.photo.cli.upload.UploadReport;
import dev.photo.cli.upload.UploadState;
import dev.photo.cli.upload.UploadStatus;
import dev.photo.cli.upload.Uploader;
import dev.photo.local.LocalStack;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code photo upload DIR|FILE... --album NAME}. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Upload photos, folders recursively, into an album.",
                "Hidden files and folders are skipped; files already uploaded are reported as duplicates."})
public final class UploadCommand implements Callable<Integer> {

    /** The API's rule, checked here too so that a typo fails before anything is hashed. */
    private static final Pattern ALBUM =
            Pattern.compile("[\\p{L}\\p{N}._-]([\\p{L}\\p{N} ._-]{0,62}[\\p{L}\\p{N}._-])?");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Photos or folders of photos.")
    List<Path> paths;

    @Option(names = {"-a", "--album"}, required = true, paramLabel = "NAME",
            description = "Album to upload into: 1-64 letters, digits, space, . _ -")
    String album;

    @Mixin
    TransferOptions transfer;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    public UploadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        ScanResult scan = FileScanner.scan(paths, album);
        PrintWriter err = spec.commandLine().getErr();
        if (scan.files().isEmpty() && scan.unreadable().isEmpty() && scan.skipped().isEmpty()) {
            err.println("photo: nothing to upload: no photos found under " + paths);
            return ExitCodes.OK;
        }
        UploadReport report = UploadReport.of(List.of());
        if (!scan.files().isEmpty()) {
            try (Session session = Commands.openSession(context, spec)) {
                report = upload(session, scan.files(), err);
            }
        }
        List<UploadOutcome> all = new ArrayList<>(report.files());
        all.addAll(scan.unreadable());
        all.addAll(scan.skipped());
        report = UploadReport.of(all);
        print(report);
        return report.exitCode();
    }

    private UploadReport upload(Session session, List<LocalFile> files, PrintWriter err)
            throws InterruptedException {
        boolean showProgress = !quiet && context.terminal().interactive();
        long totalBytes = files.stream().mapToLong(LocalFile::size).sum();
        ProgressBar bar = showProgress ? ProgressBars.bytes("upload", totalBytes, err) : null;
        UploadListener listener = bar == null ? UploadListener.none() : new UploadListener() {
            @Override
            public void sent(long bytes) {
                bar.stepBy(bytes);
            }

            @Override
            public void finished(LocalFile file, UploadOutcome outcome) {
                // files sent already moved the bar byte by byte; the others count as done in one step
                if (outcome.status() != UploadStatus.UPLOADED) {
                    bar.stepBy(file.size());
                }
            }
        };
        Path dataDir = Commands.dataDir(context, spec);
        try (UploadState state = UploadState.open(UploadState.directory(
                dataDir != null ? dataDir : LocalStack.defaultDataDir(), session.profile().name()))) {
            Uploader uploader = new Uploader(session.api(), session.transfer(),
                    transfer.settings(context.retryBaseDelay()), state, listener, err);
            return uploader.upload(files);
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private void validate() {
        if (!ALBUM.matcher(album).matches()) {
            throw CliException.usage("invalid album '" + album
                    + "': use 1-64 letters, digits, space, . _ - (not starting or ending with a space)");
        }
        transfer.settings(context.retryBaseDelay());
    }

    private void print(UploadReport report) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, report);
            return;
        }
        out.printf("uploaded %d, duplicate %d, rejected %d, failed %d, skipped %d (%d files, album %s)%n",
                report.totals().uploaded(), report.totals().duplicate(), report.totals().rejected(),
                report.totals().failed(), report.totals().skipped(), report.totals().total(), album);
        Table problems = Table.withColumns("STATUS", "FILE", "REASON");
        for (UploadOutcome file : report.files()) {
            if (file.status().failure()) {
                problems.row(file.status().label(), file.path(), file.reason());
            }
        }
        if (!problems.isEmpty()) {
            problems.print(out);
        }
        out.flush();
    }
}
