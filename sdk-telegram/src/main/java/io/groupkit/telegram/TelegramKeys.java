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
    public static final class Builder {
        private final String host;
        private final int port;
        private final int dcId;
        private final List<RsaPublicKey> trusted = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(30);
        private TelegramTransport transport = TelegramTransport.INTERMEDIATE;
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
         * Trusts this RSA public key instead of Telegram's published ones (a test data centre,
         * GroupKit's simulator); call again to trust several.
         *
         * @param pem the key, PKCS#1 PEM ({@code -----BEGIN RSA PUBLIC KEY-----})
         * @return this builder
         */
        public Builder trustRsaKey(String pem) {
            trusted.add(rsaKey(pem));
            return this;
        }

        /**
         * The longest the whole exchange may take (default 30 s).
         *
         * @param limit at least a second
         * @return this builder
         */
        public Builder timeout(Duration limit) {
            Objects.requireNonNull(limit, "limit must not be null");
            if (limit.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("expected a timeout of at least 1 s, got " + limit);
            }
            this.timeout = limit;
            return this;
        }

        /**
         * The TCP transport (default intermediate).
         *
         * @param t the transport
         * @return this builder
         */
        public Builder transport(TelegramTransport t) {
            this.transport = Objects.requireNonNull(t, "transport must not be null");
            return this;
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
            List<RsaPublicKey> keys = trusted.isEmpty() ? RsaPublicKey.telegram() : List.copyOf(trusted);
            Framing framing = transport.framing();
            try {
                byte[] key = new KeyCreation(host, port, dcId, keys, framing, timeout, time, new SecureRandom()).run();
                return TelegramSession.of(dcId, host, port, key);
            } catch (KeyCreation.Failure e) {
                throw new TelegramSetupException("no auth key was made with " + host + ":" + port + " (dc " + dcId + "): "
                        + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "TelegramKeys.Builder[" + host + ":" + port + ", dc " + dcId + "]";
        }
    }
}
