package dev.photo.cli.backend;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.Authenticator;
import dev.photo.cli.client.CognitoLoginService;
import dev.photo.cli.client.Http;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.client.TransferClient;
import dev.photo.cli.command.VersionProvider;
import dev.photo.cli.config.Profile;
import dev.photo.cli.config.TokenCache;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Everything a command needs to talk to its backend, opened once per command: the profile, the API client, the
 * authenticator and the transfer client, sharing one HTTP client. Closing it never waits: only a command that sent
 * photos calls {@link #awaitBackendIdle()}, so that {@code photo list} on the local profile ends at once.
 */
public final class Session implements AutoCloseable {

    private static final int API_RETRIES = 3;
    private static final String USER_AGENT = "photo/" + VersionProvider.version();

    private final Profile profile;
    private final BackendSession backend;
    private final ApiClient api;
    private final Authenticator auth;
    private final TransferClient transfer;
    private final CliContext context;
    private final PrintWriter err;
    private final Http http;

    private Session(Profile profile, BackendSession backend, CliContext context, PrintWriter err) {
        this.profile = profile;
        this.backend = backend;
        this.context = context;
        this.err = err;
        this.http = new Http(USER_AGENT);
        TokenCache cache = new TokenCache(context.configDir());
        RetryPolicy apiRetry = new RetryPolicy(API_RETRIES, context.retryBaseDelay());
        // the login service is built on first use, from the API's /config, so this::newLoginService may see api
        this.auth = new Authenticator(profile.name(), cache, this::newLoginService,
                backend.autoLogin().orElse(null), context.clock());
        this.api = new ApiClient(backend.apiUrl(), http, auth, apiRetry);
        this.transfer = new TransferClient(http);
    }

    /** Opens the backend of {@code profile}, with the local stack's data in {@code dataDir}. */
    public static Session open(CliContext context, Profile profile, Path dataDir, PrintWriter err) {
        BackendSession backend = context.connector().open(profile, dataDir, err);
        try {
            return new Session(profile, backend, context, err);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    public Profile profile() {
        return profile;
    }

    public ApiClient api() {
        return api;
    }

    public Authenticator auth() {
        return auth;
    }

    public TransferClient transfer() {
        return transfer;
    }

    public RetryPolicy retryPolicy(int retries) {
        return new RetryPolicy(retries, context.retryBaseDelay());
    }

    /**
     * Waits for the work the backend does for what this command sent (the in-process stack's thumbnail processing),
     * telling the user on stderr when it takes a while. Call it only after photos were uploaded.
     */
    public void awaitBackendIdle() throws InterruptedException {
        backend.awaitIdle(err);
    }

    /** Closes the backend (stops an in-process stack) without waiting for its work. */
    @Override
    public void close() {
        backend.close();
    }

    private CognitoLoginService newLoginService() {
        try {
            return new CognitoLoginService(api.config(), http, context.clock());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.INTERRUPTED, "interrupted");
        }
    }
}
