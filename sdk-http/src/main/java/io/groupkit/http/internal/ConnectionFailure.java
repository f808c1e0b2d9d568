package io.groupkit.http.internal;

import io.groupkit.core.Failure;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;

/**
 * Why a request never reached the provider, each cause named apart because each has its own
 * remedy. All of them fail before the request is written (no name, no connection, no TLS session,
 * or a proxy that did not pass it on), so none of them can have taken effect.
 *
 * <p>Transient causes become {@link Unavailable} and are retried; setup errors, which no retry
 * within seconds can mend, become {@link Unsupported} (the address cannot be used as given, as
 * Telegram's {@code NOT_TELEGRAM} is) or, for a proxy that wants credentials, {@link Unauthorized}.
 */
public enum ConnectionFailure {
    /**
     * The host name does not resolve. Not retried: the JVM caches a failed lookup for 10 s
     * ({@code networkaddress.cache.negative.ttl}), longer than the whole default backoff (about
     * 3.5 s), so a retry would only read the cached failure again; and a name that does not exist
     * is a wrong URL, not a passing fault.
     */
    UNKNOWN_HOST(Effect.SETUP),
    /** Nothing accepted the connection (a server restarting refuses for a while: retried). */
    CONNECTION_REFUSED(Effect.TRANSIENT),
    /** No connection within the connect timeout (dropped packets, a host or network down: retried). */
    CONNECT_TIMEOUT(Effect.TRANSIENT),
    /** The server's certificate is not trusted for this host: a certificate does not become trusted by waiting. */
    TLS_CERTIFICATE(Effect.SETUP),
    /** The TLS handshake failed otherwise (a plain-HTTP port, no common protocol, the peer hung up). */
    TLS_HANDSHAKE(Effect.SETUP),
    /** The proxy on the way could not be reached (retried, like the provider itself). */
    PROXY_UNREACHABLE(Effect.TRANSIENT),
    /** The proxy on the way wants credentials (HTTP 407): every request fails so until it gets them. */
    PROXY_AUTHENTICATION(Effect.CREDENTIALS),
    /** The proxy did not open a tunnel to the provider (it answered CONNECT with an error status). */
    PROXY_TUNNEL(Effect.TRANSIENT),
    /** Anything else that failed before sending: the token store, or a cause this version does not tell apart. */
    NOT_SENT(Effect.TRANSIENT);

    private final Effect effect;

    ConnectionFailure(Effect effect) {
        this.effect = effect;
    }

    /**
     * Whether a retry soon can succeed.
     *
     * @return true for the transient causes
     */
    public boolean retryable() {
        return effect == Effect.TRANSIENT;
    }

    /**
     * The outcome of a request that failed so.
     *
     * @param detail the provider's name, this cause's code ({@link #name()}), the redacted
     *     problem, and the remedy
     * @return {@link Unavailable}, {@link Unsupported} or {@link Unauthorized}, as described above
     */
    public Failure outcome(ProviderDetail detail) {
        return switch (effect) {
            case TRANSIENT -> new Unavailable(detail);
            case SETUP -> new Unsupported(detail);
            case CREDENTIALS -> new Unauthorized(detail);
        };
    }

    private enum Effect { TRANSIENT, SETUP, CREDENTIALS }
}
