package io.groupkit.telegram;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.RsaPublicKey;
import io.groupkit.telegram.internal.KeyCreation;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes a new auth key with a data centre, in pure Java (MTProto 2.0's Diffie-Hellman exchange):
 * the first step of a session of your own, before logging in. The server must prove it holds one
 * of the RSA keys this client trusts — Telegram's published production key by default.
 *
 * <pre>{@code
 * TelegramSession fresh = TelegramKeys.create("149.154.167.51", 443, 2).make();
 * }</pre>
 *
 * <p>The call blocks on the caller's thread (a few network round trips and a second or less of
 * arithmetic) and is bounded by {@link Builder#timeout}.
 */
public final class TelegramKeys {
    private TelegramKeys() {
    }

    /**
     * A new key with one data centre.
     *
     * @param host the data centre's address
     * @param port its port (443 for Telegram)
     * @param dcId its number (1 to 5 in production)
     * @return a builder
     */
    public static Builder create(String host, int port, int dcId) {
        return new Builder(host, port, dcId);
    }

    /** A key an application trusts, checked where it gave it (not in the middle of a login). */
    static RsaPublicKey rsaKey(String pem) {
        try {
            return RsaPublicKey.fromPem(Objects.requireNonNull(pem, "pem must not be null"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a 2048-bit RSA public key in PKCS#1 PEM"
                    + " (-----BEGIN RSA PUBLIC KEY-----)", e);
        }
    }

    /** Builds and runs one key exchange. */
    public static final class Builder extends MtprotoBuilder<Builder> {
        private final String host;
        private final int port;
        private final int dcId;
        private Duration callTimeout = Duration.ofSeconds(30);
        private TimeSource time = TimeSource.system();

        private Builder(String host, int port, int dcId) {
            this.host = Objects.requireNonNull(host, "host must not be null").strip();
            if (this.host.isEmpty() || port < 1 || port > 65_535 || dcId == 0) {
                throw new IllegalArgumentException("expected a host, a port from 1 to 65535 and a data centre number,"
                        + " got port " + port + " and dc " + dcId);
            }
            this.port = port;
            this.dcId = dcId;
        }

        /**
         * The longest the whole exchange may take, every request and answer of it. Default 30 s.
         *
         * @param timeout at least a second
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "callTimeout must not be null");
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("expected a callTimeout of at least 1 s, got " + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /**
         * The old name of {@link #callTimeout(Duration)}.
         *
         * @param limit at least a second
         * @return this builder
         * @deprecated use {@link #callTimeout(Duration)}; removed in 0.2
         */
        @Deprecated(since = "0.1", forRemoval = true)
        public Builder timeout(Duration limit) {
            return callTimeout(limit);
        }

        /**
         * The clock message ids follow (default the system's).
         *
         * @param source the clock
         * @return this builder
         */
        public Builder time(TimeSource source) {
            this.time = Objects.requireNonNull(source, "time must not be null");
            return this;
        }

        /**
         * Runs the exchange.
         *
         * @return a session with the new key, not yet logged in
         * @throws TelegramSetupException if the server cannot be reached, refuses, or fails a check
         */
        public TelegramSession make() throws TelegramSetupException {
            List<RsaPublicKey> keys = trustedKeys();
            Framing framing = transport().framing();
            try {
                byte[] key = new KeyCreation(host, port, dcId, keys, framing, callTimeout, time, new SecureRandom()).run();
                return TelegramSession.of(dcId, host, port, key);
            } catch (KeyCreation.Failure e) {
                throw new TelegramSetupException("no auth key was made with " + host + ":" + port + " (dc " + dcId + "): "
                        + e.getMessage());
            }
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public String toString() {
            return "TelegramKeys.Builder[" + host + ":" + port + ", dc " + dcId + "]";
        }
    }
}
