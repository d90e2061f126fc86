package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.ApiException;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.contract.AlbumNames;
import dev.photo.contract.RenameAlbumResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code photo albums rename OLD NEW}. The server moves a bounded number of photos per call, so this calls until the
 * old album is empty; an interrupted rename is finished by running the same command again. Renaming onto an
 * existing album merges the two.
 */
@Command(name = "rename", mixinStandardHelpOptions = true,
        description = "Rename an album; onto an existing album, the two merge. Rerun to finish an interrupted rename.")
public final class AlbumsRenameCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "OLD", description = "The album's name now.")
    String from;

    @Parameters(index = "1", paramLabel = "NEW", description = "Its new name.")
    String to;

    public AlbumsRenameCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        for (String name : new String[] {from, to}) {
            if (!AlbumNames.isValid(name)) {
                throw CliException.usage("\"" + name + "\" is not a valid album name: " + AlbumNames.RULE);
            }
        }
        if (from.equals(to)) {
            throw CliException.usage("the new name is the album's own name");
        }
        int moved = 0;
        try (Session session = Commands.openSession(context, spec)) {
            RenameAlbumResponse step;
            do {
                try {
                    step = session.api().renameAlbum(from, to);
                } catch (ApiException e) {
                    // a step that moved the last photo may not have known it was the last: nothing left is done
                    if (e.status() == 404 && moved > 0) {
                        break;
                    }
                    if (e.status() == 404) {
                        throw new CliException(ExitCodes.NOT_FOUND, "you have no album " + from);
                    }
                    throw e;
                }
                moved += step.moved();
            } while (!step.done());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, new RenameAlbumResponse(from, to, moved, true));
        } else if (output.plain()) {
            out.println(from + "\t" + to + "\t" + moved);
            out.flush();
        } else {
            out.println("renamed album " + from + " to " + to + " (" + moved + (moved == 1 ? " photo" : " photos")
                    + " moved)");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
