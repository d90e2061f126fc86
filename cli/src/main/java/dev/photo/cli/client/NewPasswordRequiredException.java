package dev.photo.cli.client;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;

/**
 * The password was a temporary one an admin set: Cognito answered the NEW_PASSWORD_REQUIRED challenge, and only
 * {@link LoginService#completeNewPassword} with the challenge's session gives tokens. {@code photo login} answers
 * it; any other command reports it as a login failure. The session is never part of the message.
 */
public final class NewPasswordRequiredException extends CliException {

    private final String username;
    private final String session;

    public NewPasswordRequiredException(String username, String session) {
        super(ExitCodes.AUTH, "the password of " + username + " is temporary: choose a new one with: photo login");
        this.username = username;
        this.session = session;
    }

    public String username() {
        return username;
    }

    public String session() {
        return session;
    }
}
