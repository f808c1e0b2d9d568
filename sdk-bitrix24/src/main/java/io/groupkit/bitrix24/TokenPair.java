package io.groupkit.bitrix24;

import java.util.Objects;

/**
 * An OAuth access token and the refresh token that renews it. Both are secrets:
 * {@code toString()} shows neither.
 *
 * @param accessToken the access token (lives an hour)
 * @param refreshToken the refresh token (lives 180 days; each refresh replaces it)
 */
public record TokenPair(String accessToken, String refreshToken) {
    /**
     * Checks the fields.
     *
     * @param accessToken not blank
     * @param refreshToken not blank
     */
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken must not be null");
        Objects.requireNonNull(refreshToken, "refreshToken must not be null");
        if (accessToken.isBlank() || refreshToken.isBlank()) {
            throw new IllegalArgumentException("expected an access token and a refresh token, got a blank one");
        }
    }

    @Override
    public String toString() {
        return "TokenPair[***]";
    }
}
