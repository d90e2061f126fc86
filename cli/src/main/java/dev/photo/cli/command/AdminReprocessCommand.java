package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import dev.photo.contract.PhotoStatus;
import dev.photo.contract.ReprocessJobInfo;
import dev.photo.contract.ReprocessRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code photo admin reprocess}: has the processor make photos again from their originals (thumbnails of the
 * current sizes, metadata read anew). With {@code --wait}, follows the job until nothing is pending.
 */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = {"Process photos again from their originals: thumbnails of the current sizes, metadata read "
                + "anew. The selectors narrow each other; with none, --all is required.",
                "Exit code 0 when every photo was processed, 3 when some failed (their original is gone, say), "
                        + "1 when all failed."})
public final class AdminReprocessCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--id", paramLabel = "ID", description = "A photo id; repeat for several.")
    List<String> ids;

    @Option(names = "--album", paramLabel = "ALBUM", description = "Photos in this album.")
    String album;

    @Option(names = "--user", paramLabel = "NAME", description = "Photos of this user (user name).")
    String user;

    @Option(names = "--status", paramLabel = "STATUS", description = "Photos in this status: ${COMPLETION-CANDIDATES}.")
    PhotoStatus status;

    @Option(names = "--missing-thumbnails", description = "READY photos with a thumbnail missing from the bucket.")
    boolean missingThumbnails;

    @Option(names = "--thumbnail-size", paramLabel = "PX",
            description = "With --missing-thumbnails: only this configured size counts.")
    Integer thumbnailSize;

    @Option(names = "--all", description = "Every photo (refused together with another selector).")
    boolean all;

    @Option(names = "--job", paramLabel = "JOB", description = "Show (with --wait, follow) a job started earlier.")
    String jobId;

    @Option(names = "--dry-run", description = "Only count what the selector matches; queue nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "Follow the job until it is done, then report failures.")
    boolean await;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long --wait waits, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    public AdminReprocessCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        boolean narrowed = ids != null || album != null || user != null || status != null || missingThumbnails;
        if (jobId != null && (narrowed || all || dryRun)) {
            throw CliException.usage("--job follows an existing job: it takes no selector");
        }
        if (!narrowed && !all && jobId == null) {
            throw CliException.usage("name the photos to reprocess (--id, --album, --user, --status,"
                    + " --missing-thumbnails), or give --all");
        }
        if (narrowed && all) {
            throw CliException.usage("--all cannot be combined with another selector");
        }
        if (thumbnailSize != null && !missingThumbnails) {
            throw CliException.usage("--thumbnail-size goes with --missing-thumbnails");
        }
        ReprocessRequest request = new ReprocessRequest(ids, album, user, status == null ? null : status.name(),
                missingThumbnails ? true : null, thumbnailSize, all ? true : null, dryRun ? true : null);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReprocessJobInfo job;
        try (Session session = Commands.openSession(context, spec)) {
            job = jobId != null ? session.api().reprocessJob(jobId) : session.api().reprocess(request);
            if (await && !job.dryRun() && !job.finished()) {
                job = follow(session, job, err);
            }
        }
        if (output.json()) {
            JsonOutput.print(out, job);
        } else {
            print(job, out, output.layout(context));
        }
        if (job.dryRun() || !job.finished()) {
            return ExitCodes.OK;
        }
        if (job.failed() == 0) {
            return ExitCodes.OK;
        }
        return job.done() == 0 ? ExitCodes.ERROR : ExitCodes.PARTIAL;
    }

    /** Polls the job, printing a progress line on stderr whenever the counts move. */
    private ReprocessJobInfo follow(Session session, ReprocessJobInfo job, PrintWriter err)
            throws InterruptedException {
        Instant deadline = context.clock().instant().plus(waitTimeout);
        // the retry base delay is 250 ms in production: a poll a second keeps the API cheap and the bar lively
        long pollMillis = Math.max(1, context.retryBaseDelay().toMillis() * 4);
        String last = "";
        ReprocessJobInfo current = job;
        while (!current.finished()) {
            String line = progress(current);
            if (!line.equals(last)) {
                err.println(line);
                err.flush();
                last = line;
            }
            if (context.clock().instant().isAfter(deadline)) {
                throw new CliException(ExitCodes.ERROR, "gave up waiting after " + waitTimeout + " with "
                        + current.pending() + " pending; the job goes on: photo admin reprocess --job "
                        + current.jobId() + " --wait");
            }
            Thread.sleep(pollMillis);
            current = session.api().reprocessJob(current.jobId());
        }
        err.println(progress(current));
        err.flush();
        return current;
    }

    private static String progress(ReprocessJobInfo job) {
        long finished = job.done() + job.failed();
        return String.format("reprocessing: %d/%d done, %d failed, %d pending", finished, job.queued(),
                job.failed(), job.pending());
    }

    /**
     * For people, the job's counts and a table of failures; in plain form one record per line, tagged {@code job}
     * or {@code failure} in its first field, since the two have different fields.
     */
    private static void print(ReprocessJobInfo job, PrintWriter out, Table.Layout layout) {
        if (layout.plain()) {
            Table records = Table.withColumns("KIND", "JOB", "MATCHED", "DONE", "FAILED", "PENDING", "DRY RUN");
            records.row("job", job.jobId(), job.matched(), job.done(), job.failed(), job.pending(), job.dryRun());
            for (ReprocessJobInfo.Failure failure : job.failures()) {
                records.row("failure", failure.photoId(), failure.owner(), failure.reason(), null, null, null);
            }
            records.print(out, layout);
            return;
        }
        if (job.dryRun()) {
            out.println("dry run: " + job.matched() + " photo" + (job.matched() == 1 ? "" : "s") + " would be"
                    + " reprocessed");
            return;
        }
        Table.withColumns("JOB", "MATCHED", "DONE", "FAILED", "PENDING")
                .alignRight("MATCHED").alignRight("DONE").alignRight("FAILED").alignRight("PENDING")
                .row(job.jobId(), job.matched(), job.done(), job.failed(), job.pending())
                .print(out, layout);
        if (!job.failures().isEmpty()) {
            out.println();
            Table failures = Table.withColumns("PHOTO", "OWNER", "REASON").shrinkable("REASON");
            for (ReprocessJobInfo.Failure failure : job.failures()) {
                failures.row(failure.photoId(), failure.owner(), failure.reason());
            }
            failures.print(out, layout);
        }
    }
}
