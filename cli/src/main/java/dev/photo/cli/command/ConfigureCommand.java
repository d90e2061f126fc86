package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.client.EndpointPolicy;
import dev.photo.cli.config.CliConfig;
import dev.photo.cli.config.ConfigStore;
import dev.photo.cli.config.Profile;
import dev.photo.cli.config.ProfileConfig;
import dev.photo.cli.config.TokenCache;
import dev.photo.cli.upload.UploadState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;

/** {@code photo configure --api-url URL [--profile NAME]}. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Point a profile at a deployed API and make it the current profile.",
                "The profile is chosen as for every command: --profile, else $PHOTO_PROFILE, else the current one.",
                "Without --api-url, '--profile local' switches back to the local stack."})
public final class ConfigureCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--api-url", paramLabel = "URL", description = "Base URL of the photo API (https://...).")
    String apiUrl;

    public ConfigureCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ConfigStore store = new ConfigStore(context.configDir());
        String name = store.selectName(Commands.global(spec).profile(), context.env("PHOTO_PROFILE"));
        if (apiUrl != null && Profile.LOCAL.equals(name)) {
            throw CliException.usage("the local profile always uses the local stack; name the profile for "
                    + "this API with --profile NAME");
        }
        CliConfig config = store.load();
        PrintWriter out = spec.commandLine().getOut();
        if (apiUrl == null) {
            if (!Profile.LOCAL.equals(name) && !config.profiles().containsKey(name)) {
                throw CliException.usage("--api-url is required for profile '" + name + "'");
            }
            store.save(new CliConfig(name, config.profiles()));
            out.println("profile " + name + " is now current");
        } else {
            String url = validUrl(apiUrl);
            ProfileConfig before = config.profiles().get(name);
            if (before == null || !url.equals(before.apiUrl())) {
                // tokens are issued for one deployment: never offer them to another; nor the upload cache
                new TokenCache(context.configDir()).delete(name);
                UploadState.discard(context.profileStateDir(name));
                UploadState.discard(Commands.legacyUploadStateDir(context, spec, name));
            }
            store.save(config.withCurrentProfile(name, new ProfileConfig(url)));
            out.println("profile " + name + " now uses " + url + " and is current");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String validUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw CliException.usage(
                        "--api-url must be an http(s) URL without query, like https://api.example.com/prod");
            }
            if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback(uri.getHost())) {
                throw CliException.usage("--api-url must use https unless it is on this machine: tokens and "
                        + "passwords would cross the network in clear text");
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (URISyntaxException e) {
            throw CliException.usage("--api-url is not a URL: " + e.getReason());
        }
    }

    private static boolean loopback(String host) {
        return EndpointPolicy.isLoopback(host);
    }
}
