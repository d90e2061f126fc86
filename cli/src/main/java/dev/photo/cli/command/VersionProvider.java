package dev.photo.cli.command;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code photo --version}, from the version Maven wrote into the jar. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/photo/cli/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"photo " + properties.getProperty("version", "unknown")};
    }
}
