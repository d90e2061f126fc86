package dev.photo.cli.command;

import dev.photo.contract.PhotoDetails;
import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.files.SecureFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code photo download ID... [--thumbnail 256|1024] [-o DIR] [--force]}. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download photos (or their thumbnails) under their original file names.",
                "Existing files are kept unless --force is given."})
public final class DownloadCommand implements Callable<Integer> {

    private static final int RETRIES = 3;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Photo ids, as `photo list` shows them.")
    List<String> ids;

    @Option(names = "--thumbnail", paramLabel = "SIZE", description = "Download the 256 or 1024 px thumbnail instead.")
    Integer thumbnail;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder to write into (default: the current folder).")
    Path directory;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing files.")
    boolean force;

    public DownloadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (thumbnail != null && thumbnail != 256 && thumbnail != 1024) {
            throw CliException.usage("--thumbnail must be 256 or 1024");
        }
        Files.createDirectories(directory);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int written = 0;
        int notFound = 0;
        int failed = 0;
        try (Session session = Commands.openSession(context, spec)) {
            RetryPolicy retry = session.retryPolicy(RETRIES);
            for (String id : ids) {
                try {
                    Path target = download(session, id, retry);
                    out.println(target);
                    out.flush();
                    written++;
                } catch (CliException e) {
                    if (e.exitCode() == ExitCodes.AUTH || e.exitCode() == ExitCodes.UNAVAILABLE) {
                        throw e;
                    }
                    err.println("photo: error: " + id + ": " + e.getMessage());
                    err.flush();
                    if (e.exitCode() == ExitCodes.NOT_FOUND) {
                        notFound++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        if (notFound + failed == 0) {
            return ExitCodes.OK;
        }
        if (written > 0) {
            return ExitCodes.PARTIAL;
        }
        return failed == 0 ? ExitCodes.NOT_FOUND : ExitCodes.ERROR;
    }

    private Path download(Session session, String id, RetryPolicy retry) throws InterruptedException {
        PhotoDetails details = session.api().photo(id);
        String url = thumbnail == null ? details.downloads().original()
                : details.downloads().thumbnails().get(Integer.toString(thumbnail));
        String status = details.photo() == null ? "unknown" : details.photo().status();
        if (url == null) {
            throw new CliException(ExitCodes.ERROR, thumbnail == null
                    ? "not downloadable yet (status " + status + ")"
                    : "has no " + thumbnail + " px thumbnail (status " + status + ")");
        }
        String original = details.photo() == null ? null : details.photo().fileName();
        String name = FileNames.safe(original, id);
        if (thumbnail != null) {
            name = FileNames.baseName(name) + "-" + thumbnail + ".jpg";
        }
        Path target = directory.resolve(name);
        if (Files.exists(target) && !force) {
            throw new CliException(ExitCodes.ERROR, target + " already exists (use --force to overwrite)");
        }
        fetch(session, url, target, retry);
        return target;
    }

    private void fetch(Session session, String url, Path target, RetryPolicy retry) throws InterruptedException {
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, ".photo-", ".part");
            session.transfer().download(url, temp, retry);
            moveIntoPlace(temp, target);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitCodes.ERROR, target + " already exists (use --force to overwrite)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "download failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private void moveIntoPlace(Path temp, Path target) throws IOException {
        if (!force) {
            // a plain move refuses to replace a file that appeared meanwhile; it is still a rename on one disk
            Files.move(temp, target);
            return;
        }
        SecureFiles.moveAtomically(temp, target);
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            temp.toFile().deleteOnExit();
        }
    }
}
