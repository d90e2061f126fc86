package dev.photo.local;

/** A local user's login, as stored 0600 in the data directory for the admin user made on first start. */
public record LocalCredentials(String username, String password) {

    @Override
    public String toString() {
        return "LocalCredentials[username=" + username + ", password=***]";
    }
}
