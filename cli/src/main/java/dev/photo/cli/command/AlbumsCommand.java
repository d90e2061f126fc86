package dev.photo.cli.command;

import dev.photo.contract.AlbumInfo;
import dev.photo.contract.AlbumList;
import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import dev.photo.cli.config.AlbumNameCache;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import dev.photo.cli.output.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code photo albums}; {@code photo albums rename OLD NEW} is its subcommand. */
@Command(name = "albums", mixinStandardHelpOptions = true, description = "List your albums with photo counts.",
        subcommands = AlbumsRenameCommand.class)
public final class AlbumsCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    public AlbumsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        AlbumList albums;
        try (Session session = Commands.openSession(context, spec)) {
            albums = session.api().albums();
            // what the shell's completion of --album offers, without asking the API when TAB is pressed
            new AlbumNameCache(context.profileStateDir(session.profile().name()))
                    .replace(albums.albums().stream().map(AlbumInfo::name).toList());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, albums);
            return 0;
        }
        Table table = Table.withColumns("ALBUM", "PHOTOS", "SIZE", "LATEST UPLOAD")
                .alignRight("PHOTOS").alignRight("SIZE").shrinkable("ALBUM");
        for (AlbumInfo album : albums.albums()) {
            table.row(album.name(), album.count(), Table.bytes(album.bytes()), Times.seconds(album.latestUploadAt()));
        }
        output.print(table, out, context);
        return 0;
    }
}
