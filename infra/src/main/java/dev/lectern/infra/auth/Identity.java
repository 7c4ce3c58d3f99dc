package dev.lectern.infra.auth;

/** Who is calling, as the bearer token says: a stable user id, a name to show, and admin rights. */
public record Identity(String userId, String displayName, boolean admin) {
    public Identity {
        if (userId == null || userId.isBlank() || userId.length() > 200) {
            throw new IllegalArgumentException("user id must be 1 to 200 characters");
        }
        displayName = displayName == null || displayName.isBlank() ? userId : displayName;
    }
}
