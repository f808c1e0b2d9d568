package io.groupkit.mtproto;

/**
 * The auth key exchange stopped: the server's answer failed a check the protocol requires (or
 * the server refused), so no key is made and nothing more is sent on that connection. The
 * message says which check, never a secret value.
 */
public final class AuthKeyException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An exception.
     *
     * @param message the check that failed
     */
    public AuthKeyException(String message) {
        super(message);
    }
}
