package dev.photo.cli.client;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps a profile's tokens valid: uses the cache while the access token has more than a minute left, refreshes
 * it otherwise, and logs in with the backend's own credentials when the backend offers them (the local stack's
 * admin user). Synchronised because parallel uploads share it.
 */
public final class Authenticator implements AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final String profile;
    private final TokenCache cache;
    private final Supplier<LoginService> loginServiceFactory;
    private final Credentials autoLogin;
    private final Clock clock;
    private LoginService loginService;
    /** The tokens last read, refreshed or obtained by this command. */
    private CachedTokens latest;

    /**
     * @param loginServiceFactory called at most once, when a login or refresh is needed
     * @param autoLogin           credentials to log in with when no valid token is cached, or {@code null}
     */
    public Authenticator(String profile, TokenCache cache, Supplier<LoginService> loginServiceFactory,
                         Credentials autoLogin, Clock clock) {
        this.profile = profile;
        this.cache = cache;
        this.loginServiceFactory = loginServiceFactory;
        this.autoLogin = autoLogin;
        this.clock = clock;
    }

    @Override
    public synchronized String current() {
        return validTokens().accessToken();
    }

    @Override
    public synchronized String renew(String rejected) {
        Optional<CachedTokens> cached = cache.load(profile);
        if (cached.isPresent() && !cached.get().accessToken().equals(rejected)
                && cached.get().validAt(clock.instant(), MARGIN)) {
            latest = cached.get();
            return latest.accessToken();
        }
        return refreshOrLogIn(cached, "the API refused the login; log in again with: " + loginHint())
                .accessToken();
    }

    /**
     * Valid tokens for this profile, refreshed or obtained by automatic login when needed. The token file is read
     * once and again only when the tokens it gave are about to expire, not on every request.
     */
    public synchronized CachedTokens validTokens() {
        if (latest != null && latest.validAt(clock.instant(), MARGIN)) {
            return latest;
        }
        Optional<CachedTokens> cached = cache.load(profile);
        if (cached.isPresent() && cached.get().validAt(clock.instant(), MARGIN)) {
            latest = cached.get();
            return latest;
        }
        return refreshOrLogIn(cached, "not logged in (profile " + profile + "); log in with: " + loginHint());
    }

    /**
     * Gets valid tokens on a background thread, so that a login or refresh overlaps with the caller's other work
     * (hashing, for an upload). A failure is only logged: the next call that needs a token meets it again and
     * reports it.
     */
    public void prepareInBackground() {
        Thread thread = new Thread(() -> {
            try {
                validTokens();
            } catch (RuntimeException e) {
                LOG.debug("getting tokens ahead of time failed; the first request will say why", e);
            }
        }, "photo-login");
        thread.setDaemon(true);
        thread.start();
    }

    /** Logs in with a username and password and caches the tokens. */
    public synchronized CachedTokens logIn(Credentials credentials) {
        long start = System.nanoTime();
        CachedTokens tokens = loginService().login(credentials);
        cache.save(profile, tokens);
        latest = tokens;
        LOG.debug("logged in to profile {} in {} ms", profile, (System.nanoTime() - start) / 1_000_000);
        return tokens;
    }

    /** Answers a temporary password's challenge with the new password and caches the tokens it gives. */
    public synchronized CachedTokens completeNewPassword(NewPasswordRequiredException challenge, String newPassword) {
        CachedTokens tokens = loginService().completeNewPassword(challenge, newPassword);
        cache.save(profile, tokens);
        latest = tokens;
        return tokens;
    }

    /**
     * Revokes the cached refresh token where the endpoint supports it.
     *
     * @return whether a token was revoked
     */
    public synchronized boolean revokeCached() {
        Optional<CachedTokens> cached = cache.load(profile);
        if (cached.isEmpty() || cached.get().refreshToken() == null) {
            return false;
        }
        return loginService().revoke(cached.get().refreshToken());
    }

    public Optional<Credentials> autoLoginCredentials() {
        return Optional.ofNullable(autoLogin);
    }

    private CachedTokens refreshOrLogIn(Optional<CachedTokens> cached, String notLoggedInMessage) {
        if (cached.isPresent() && cached.get().refreshToken() != null) {
            try {
                CachedTokens refreshed = loginService().refresh(cached.get().refreshToken());
                cache.save(profile, refreshed);
                latest = refreshed;
                LOG.debug("refreshed the tokens of profile {}", profile);
                return refreshed;
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.AUTH) {
                    throw e;
                }
                LOG.debug("refresh refused for profile {}", profile);
            }
        }
        if (autoLogin != null) {
            LOG.debug("logging in automatically as {}", autoLogin.username());
            return logIn(autoLogin);
        }
        throw CliException.auth(notLoggedInMessage);
    }

    private LoginService loginService() {
        if (loginService == null) {
            loginService = loginServiceFactory.get();
        }
        return loginService;
    }

    private String loginHint() {
        return "local".equals(profile) ? "photo login" : "photo login --profile " + profile;
    }
}
