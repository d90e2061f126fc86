package dev.photo.cli.client;

import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticatorTest {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path config;

    @Test
    void a_login_started_in_the_background_is_the_one_the_first_request_uses() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingLogin login = new CountingLogin(started, release);
        Authenticator auth = new Authenticator("local", new TokenCache(config), () -> login,
                new Credentials("admin", "pw"), Clock.fixed(NOW, ZoneOffset.UTC));

        auth.prepareInBackground();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();

        assertThat(auth.current()).isEqualTo("token-1");
        assertThat(login.logins.get()).isEqualTo(1);
    }

    @Test
    void a_background_login_that_fails_leaves_the_failure_to_the_first_request() {
        AtomicInteger attempts = new AtomicInteger();
        LoginService refusing = new LoginService() {
            @Override
            public CachedTokens login(Credentials credentials) {
                attempts.incrementAndGet();
                throw dev.photo.cli.CliException.auth("incorrect username or password");
            }

            @Override
            public CachedTokens refresh(String refreshToken) {
                throw new AssertionError("no refresh token was ever issued");
            }

            @Override
            public CachedTokens completeNewPassword(NewPasswordRequiredException challenge, String newPassword) {
                throw new AssertionError("no challenge was ever issued");
            }

            @Override
            public boolean revoke(String refreshToken) {
                throw new AssertionError("no refresh token was ever issued");
            }
        };
        Authenticator auth = new Authenticator("local", new TokenCache(config), () -> refusing,
                new Credentials("admin", "wrong"), Clock.fixed(NOW, ZoneOffset.UTC));

        auth.prepareInBackground();

        org.assertj.core.api.Assertions.assertThatThrownBy(auth::current)
                .hasMessage("incorrect username or password");
        assertThat(attempts.get()).isBetween(1, 2);
    }

    private static final class CountingLogin implements LoginService {

        final AtomicInteger logins = new AtomicInteger();
        final CountDownLatch started;
        final CountDownLatch release;

        CountingLogin(CountDownLatch started, CountDownLatch release) {
            this.started = started;
            this.release = release;
        }

        @Override
        public CachedTokens login(Credentials credentials) {
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CachedTokens("token-" + logins.incrementAndGet(), null, "refresh", NOW.plusSeconds(3600));
        }

        @Override
        public CachedTokens refresh(String refreshToken) {
            throw new AssertionError("the fresh token is valid for an hour");
        }

        @Override
        public CachedTokens completeNewPassword(NewPasswordRequiredException challenge, String newPassword) {
            throw new AssertionError("the password is not temporary");
        }

        @Override
        public boolean revoke(String refreshToken) {
            throw new AssertionError("nobody logs out here");
        }
    }
}
