package io.groupkit.telegram;

import io.groupkit.mtproto.RsaPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every builder that opens an MTProto connection takes: the TCP transport and the RSA keys
 * trusted for new auth keys: {@link Telegram.Builder}, {@link TelegramLogin.Builder} and
 * {@link TelegramKeys.Builder} share them, as the HTTP adapters' builders share
 * {@code HttpProviderBuilder}. Only this package makes builders of it. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class MtprotoBuilder<B extends MtprotoBuilder<B>> {
    private final List<RsaPublicKey> trusted = new ArrayList<>();
    private TelegramTransport transport = TelegramTransport.INTERMEDIATE;

    MtprotoBuilder() {
    }

    abstract B self();

    /**
     * The TCP transport. Default intermediate.
     *
     * @param t abridged or intermediate
     * @return this builder
     */
    public B transport(TelegramTransport t) {
        this.transport = Objects.requireNonNull(t, "transport must not be null");
        return self();
    }

    /**
     * Trusts this RSA public key for the auth keys made here, instead of Telegram's published
     * ones (a test data centre, GroupKit's simulator); call again to trust several.
     *
     * @param pem the key, PKCS#1 PEM ({@code -----BEGIN RSA PUBLIC KEY-----})
     * @return this builder
     */
    public B trustRsaKey(String pem) {
        trusted.add(TelegramKeys.rsaKey(pem)); // refused here if it is not a key, not in the middle of a login
        return self();
    }

    /** Trusts keys already checked (a login passing its keys to the exchanges it runs). */
    final B trust(List<RsaPublicKey> keys) {
        trusted.addAll(keys);
        return self();
    }

    final TelegramTransport transport() {
        return transport;
    }

    /** The keys given, or Telegram's own when none was. */
    final List<RsaPublicKey> trustedKeys() {
        return trusted.isEmpty() ? RsaPublicKey.telegram() : List.copyOf(trusted);
    }
}
