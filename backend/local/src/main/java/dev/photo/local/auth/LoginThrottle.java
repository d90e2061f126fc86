package dev.photo.local.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing the way a Cognito user pool does: after {@value #FREE_FAILURES} failed logins of one
 * user, that user is locked out for one second, doubling with every further failure up to fifteen minutes (even
 * the right password is refused meanwhile), and fifteen minutes without a failure forgive them. On top of that,
 * one client address may fail at most {@value #ADDRESS_FAILURES_PER_MINUTE} logins a minute, whichever users it
 * tries, so that guessing across many user names is slowed too. Unknown user names are counted like known ones,
 * so the throttle tells nothing about which names exist. Memory is bounded: the least recently seen entries are
 * forgotten first.
 */
public final class LoginThrottle {

    /** Failed logins of one user before the first lockout. */
    public static final int FREE_FAILURES = 5;
    /** Failed logins one client address may make in a minute. */
    public static final int ADDRESS_FAILURES_PER_MINUTE = 20;
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    private static final Duration FORGIVE_AFTER = Duration.ofMinutes(15);
    private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 10_000;

    /** What the throttle says about a login attempt before the password is checked. */
    public enum Verdict { ALLOWED, USER_LOCKED_OUT, ADDRESS_THROTTLED }

    private final Clock clock;
    private final Map<String, Failures> users = bounded();
    private final Map<String, Deque<Instant>> addresses = bounded();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public synchronized Verdict check(String username, String address) {
        Instant now = clock.instant();
        Deque<Instant> recent = addresses.get(address);
        if (recent != null) {
            expire(recent, now);
            if (recent.size() >= ADDRESS_FAILURES_PER_MINUTE) {
                return Verdict.ADDRESS_THROTTLED;
            }
        }
        Failures f = users.get(key(username));
        if (f != null && now.isBefore(f.lockedUntil)) {
            return Verdict.USER_LOCKED_OUT;
        }
        return Verdict.ALLOWED;
    }

    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        Deque<Instant> recent = addresses.computeIfAbsent(address, a -> new ArrayDeque<>());
        expire(recent, now);
        recent.addLast(now);
        Failures f = users.get(key(username));
        if (f == null || !now.isBefore(f.last.plus(FORGIVE_AFTER))) {
            f = new Failures();
            users.put(key(username), f);
        }
        f.count++;
        f.last = now;
        if (f.count >= FREE_FAILURES) {
            int doublings = Math.min(f.count - FREE_FAILURES, 20);
            Duration lockout = Duration.ofSeconds(1L << doublings);
            f.lockedUntil = now.plus(lockout.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lockout);
        }
    }

    public synchronized void succeeded(String username) {
        users.remove(key(username));
    }

    private static void expire(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(ADDRESS_WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }

    private static final class Failures {
        int count;
        Instant last = Instant.MIN;
        Instant lockedUntil = Instant.MIN;
    }
}
