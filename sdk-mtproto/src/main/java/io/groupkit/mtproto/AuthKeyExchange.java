package io.groupkit.mtproto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of creating an auth key (MTProto 2.0, core.telegram.org/mtproto/auth_key),
 * without I/O: each step takes the server's answer (a TL body, unencrypted) and gives the next
 * request; the caller sends them as plain messages ({@link PlainMessage}). Every check the
 * protocol asks of a client is made; one that fails ends the exchange with an
 * {@link AuthKeyException}. One exchange per instance, used by one thread.
 *
 * <pre>{@code
 * AuthKeyExchange x = AuthKeyExchange.begin(RsaPublicKey.telegram(), 2, new SecureRandom()::nextBytes);
 * send(x.requestPq());                         // req_pq_multi
 * send(x.onResPq(receive()));                  // req_DH_params
 * send(x.onServerDhParams(receive(), now));    // set_client_DH_params
 * AuthKeyExchange.Answer a = x.onDhGen(receive());   // Created, or Again (send its request, then onDhGen again)
 * }</pre>
 */
public final class AuthKeyExchange {
    static final int REQ_PQ_MULTI = 0xbe7e8ef1;
    static final int RES_PQ = 0x05162463;
    static final int P_Q_INNER_DATA_DC = 0xa9f55f95;
    static final int REQ_DH_PARAMS = 0xd712e4be;
    static final int SERVER_DH_PARAMS_FAIL = 0x79cb045d;
    static final int SERVER_DH_PARAMS_OK = 0xd0e8075c;
    static final int SERVER_DH_INNER_DATA = 0xb5890dba;
    static final int CLIENT_DH_INNER_DATA = 0x6643b654;
    static final int SET_CLIENT_DH_PARAMS = 0xf5045f1f;
    static final int DH_GEN_OK = 0x3bcbf734;
    static final int DH_GEN_RETRY = 0x46dc1fb9;
    static final int DH_GEN_FAIL = 0xa69dae02;

    /** Where random bytes come from: a {@code SecureRandom::nextBytes} outside tests. */
    @FunctionalInterface
    public interface Entropy {
        /**
         * Fills the array with random bytes.
         *
         * @param bytes the array
         */
        void fill(byte[] bytes);
    }

    /** What the last step came to. */
    public sealed interface Answer permits Created, Again {
    }

    /**
     * The key is made.
     *
     * @param authKey the 256-byte key (a secret: {@code toString()} shows only its id)
     * @param authKeyId the lower 64 bits of its SHA-1
     * @param serverSalt the first salt: new_nonce[0, 8) XOR server_nonce[0, 8)
     * @param serverTimeOffset the server's clock minus this one's, in seconds
     */
    public record Created(byte[] authKey, long authKeyId, long serverSalt, int serverTimeOffset) implements Answer {
        @Override
        public boolean equals(Object o) {
            return o instanceof Created c && MessageDigest.isEqual(authKey, c.authKey) && authKeyId == c.authKeyId
                    && serverSalt == c.serverSalt && serverTimeOffset == c.serverTimeOffset;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(authKeyId);
        }

        @Override
        public String toString() {
            return "Created[auth key id " + Long.toHexString(authKeyId) + "]";
        }
    }

    /**
     * The server asked for another try ({@code dh_gen_retry}): send {@code request}, then call
     * {@link #onDhGen} with its answer.
     *
     * @param request the next {@code set_client_DH_params}
     */
    public record Again(byte[] request) implements Answer {
    }

    private final List<RsaPublicKey> keys;
    private final int dc;
    private final Entropy entropy;
    private final byte[] nonce = new byte[16];
    private final byte[] serverNonce = new byte[16]; // resPQ's, from step 2 on
    private final byte[] newNonce = new byte[32]; // from step 2 on
    private int g;
    private @Nullable BigInteger dhPrime; // from step 3 on
    private @Nullable BigInteger gA; // from step 3 on
    private byte @Nullable [] authKey; // from step 3 on: the key the last b would make
    private int serverTimeOffset;
    private long retryId;
    private int retries;
    private Stage stage = Stage.NEW;

    private enum Stage { NEW, PQ_SENT, DH_SENT, CLIENT_DH_SENT, DONE }

    private AuthKeyExchange(List<RsaPublicKey> keys, int dc, Entropy entropy) {
        this.keys = List.copyOf(keys);
        this.dc = dc;
        this.entropy = entropy;
    }

    /**
     * An exchange with one data centre.
     *
     * @param keys the RSA keys this client trusts, such as {@link RsaPublicKey#telegram()}
     * @param dc the data centre's number (negative for a media-only one; +10000 for a test one)
     * @param entropy the random source
     * @return the exchange
     */
    public static AuthKeyExchange begin(List<RsaPublicKey> keys, int dc, Entropy entropy) {
        if (Objects.requireNonNull(keys, "keys must not be null").isEmpty()) {
            throw new IllegalArgumentException("expected at least one RSA public key");
        }
        return new AuthKeyExchange(keys, dc, Objects.requireNonNull(entropy, "entropy must not be null"));
    }

    /**
     * Step 1: {@code req_pq_multi}.
     *
     * @return the request's body
     */
    public byte[] requestPq() {
        expect(Stage.NEW);
        entropy.fill(nonce);
        stage = Stage.PQ_SENT;
        return new TlWriter().int32(REQ_PQ_MULTI).raw(nonce).toByteArray();
    }

    /**
     * Step 2: {@code resPQ} in, {@code req_DH_params} out (pq factored, the server's key chosen
     * by fingerprint, {@code p_q_inner_data_dc} encrypted with RSA_PAD).
     *
     * @param body the answer's body
     * @return the request's body
     * @throws AuthKeyException if the answer is not for this exchange, or names no key this client knows
     * @throws TlException if the answer is malformed
     */
    public byte[] onResPq(byte[] body) throws AuthKeyException, TlException {
        expect(Stage.PQ_SENT);
        TlReader in = new TlReader(body);
        constructor(in, RES_PQ, "resPQ");
        checkNonce(in.raw(16));
        System.arraycopy(in.raw(16), 0, serverNonce, 0, serverNonce.length);
        byte[] pqBytes = in.bytes();
        int count = in.vectorHeader(8);
        long[] fingerprints = new long[count];
        for (int i = 0; i < count; i++) {
            fingerprints[i] = in.int64();
        }
        if (pqBytes.length == 0 || pqBytes.length > 8) {
            throw new AuthKeyException("resPQ's pq is not a 64-bit number");
        }
        long pq = new BigInteger(1, pqBytes).longValue();
        if (pq < 0) {
            throw new AuthKeyException("resPQ's pq is above 2^63");
        }
        long[] factors = PqFactor.split(pq);
        RsaPublicKey key = keyFor(fingerprints)
                .orElseThrow(() -> new AuthKeyException("the server names no RSA key this client trusts"));
        entropy.fill(newNonce);
        byte[] p = RsaPublicKey.unsigned(BigInteger.valueOf(factors[0]));
        byte[] q = RsaPublicKey.unsigned(BigInteger.valueOf(factors[1]));
        byte[] inner = new TlWriter().int32(P_Q_INNER_DATA_DC).bytes(pqBytes).bytes(p).bytes(q).raw(nonce).raw(serverNonce)
                .raw(newNonce).int32(dc).toByteArray();
        byte[] encrypted = rsaPad(inner, key);
        stage = Stage.DH_SENT;
        return new TlWriter().int32(REQ_DH_PARAMS).raw(nonce).raw(serverNonce).bytes(p).bytes(q).int64(key.fingerprint())
                .bytes(encrypted).toByteArray();
    }

    private Optional<RsaPublicKey> keyFor(long[] fingerprints) {
        for (long f : fingerprints) {
            for (RsaPublicKey k : keys) {
                if (k.fingerprint() == f) {
                    return Optional.of(k);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * RSA_PAD: the data padded to 192 random-filled bytes, reversed, hashed with a temporary AES
     * key, AES-IGE encrypted under it, the key masked with the result's hash, all raised to e
     * (again with a new temporary key while the number is not below the modulus).
     */
    private byte[] rsaPad(byte[] data, RsaPublicKey key) {
        if (data.length > 144) {
            throw new IllegalStateException("p_q_inner_data_dc is longer than RSA_PAD takes: " + data.length);
        }
        byte[] withPadding = Arrays.copyOf(data, 192);
        byte[] padding = new byte[192 - data.length];
        entropy.fill(padding);
        System.arraycopy(padding, 0, withPadding, data.length, padding.length);
        byte[] reversed = reverse(withPadding);
        while (true) {
            byte[] tempKey = new byte[32];
            entropy.fill(tempKey);
            byte[] withHash = concat(reversed, Digests.sha256(tempKey, withPadding));
            byte[] aesEncrypted = AesIge.encrypt(tempKey, new byte[32], withHash);
            byte[] tempKeyXor = xor(tempKey, Digests.sha256(aesEncrypted));
            byte[] keyAesEncrypted = concat(tempKeyXor, aesEncrypted);
            if (new BigInteger(1, keyAesEncrypted).compareTo(key.modulus()) < 0) {
                return key.encrypt(keyAesEncrypted);
            }
        }
    }

    /**
     * Step 3: {@code server_DH_params_ok} in (decrypted, its hash and every DH value checked),
     * {@code set_client_DH_params} out.
     *
     * @param body the answer's body
     * @param nowSeconds this client's clock, for the offset to the server's
     * @return the request's body
     * @throws AuthKeyException if a check fails or the server refused ({@code server_DH_params_fail})
     * @throws TlException if the answer is malformed
     */
    public byte[] onServerDhParams(byte[] body, long nowSeconds) throws AuthKeyException, TlException {
        expect(Stage.DH_SENT);
        TlReader in = new TlReader(body);
        int constructor = in.int32();
        if (constructor == SERVER_DH_PARAMS_FAIL) {
            checkNonce(in.raw(16));
            checkServerNonce(in.raw(16));
            throw new AuthKeyException("the server refused the DH parameters request (server_DH_params_fail)");
        }
        if (constructor != SERVER_DH_PARAMS_OK) {
            throw new AuthKeyException("expected server_DH_params_ok, got constructor " + Integer.toHexString(constructor));
        }
        checkNonce(in.raw(16));
        checkServerNonce(in.raw(16));
        byte[] encrypted = in.bytes();
        if (encrypted.length == 0 || encrypted.length % 16 != 0) {
            throw new AuthKeyException("server_DH_params_ok's answer is not a whole number of AES blocks");
        }
        byte[][] tmp = temporaryKey(newNonce, serverNonce);
        byte[] plain = AesIge.decrypt(tmp[0], tmp[1], encrypted);
        if (plain.length < 20 + 4) {
            throw new AuthKeyException("server_DH_params_ok's answer is too short");
        }
        TlReader answer = new TlReader(plain, 20, plain.length - 20);
        int start = answer.remaining();
        constructor(answer, SERVER_DH_INNER_DATA, "server_DH_inner_data");
        checkNonce(answer.raw(16));
        checkServerNonce(answer.raw(16));
        g = answer.int32();
        BigInteger dhPrime = new BigInteger(1, answer.bytes());
        BigInteger gA = new BigInteger(1, answer.bytes());
        int serverTime = answer.int32();
        int length = start - answer.remaining();
        if (answer.remaining() >= 16) {
            throw new AuthKeyException("server_DH_inner_data is followed by 16 or more bytes of padding");
        }
        byte[] hash = Arrays.copyOfRange(plain, 0, 20);
        if (!MessageDigest.isEqual(hash, Digests.sha1(Arrays.copyOfRange(plain, 20, 20 + length)))) {
            throw new AuthKeyException("server_DH_inner_data's SHA-1 does not match");
        }
        DhChecks.checkGroup(g, dhPrime);
        DhChecks.checkValue(gA, dhPrime, "g_a");
        this.dhPrime = dhPrime;
        this.gA = gA;
        serverTimeOffset = (int) (serverTime - nowSeconds);
        stage = Stage.CLIENT_DH_SENT;
        return clientDhParams();
    }

    /** {@code set_client_DH_params} with a fresh b; the auth key it would make is kept. */
    private byte[] clientDhParams() throws AuthKeyException {
        BigInteger dhPrime = setBefore(this.dhPrime);
        BigInteger gA = setBefore(this.gA);
        byte[] bBytes = new byte[256];
        entropy.fill(bBytes);
        BigInteger b = new BigInteger(1, bBytes);
        BigInteger gB = BigInteger.valueOf(g).modPow(b, dhPrime);
        DhChecks.checkValue(gB, dhPrime, "g_b");
        authKey = RsaPublicKey.toBytes(gA.modPow(b, dhPrime), 256);
        byte[] inner = new TlWriter().int32(CLIENT_DH_INNER_DATA).raw(nonce).raw(serverNonce).int64(retryId)
                .bytes(RsaPublicKey.toBytes(gB, 256)).toByteArray();
        byte[] withHash = concat(Digests.sha1(inner), inner);
        int pad = (16 - withHash.length % 16) % 16;
        byte[] padding = new byte[pad];
        entropy.fill(padding);
        byte[][] tmp = temporaryKey(newNonce, serverNonce);
        byte[] encrypted = AesIge.encrypt(tmp[0], tmp[1], concat(withHash, padding));
        return new TlWriter().int32(SET_CLIENT_DH_PARAMS).raw(nonce).raw(serverNonce).bytes(encrypted).toByteArray();
    }

    /**
     * Step 4: {@code dh_gen_ok} (the key is made), {@code dh_gen_retry} (try again with a new b,
     * at most 5 times) or {@code dh_gen_fail}; each one's new_nonce_hash is checked.
     *
     * @param body the answer's body
     * @return the outcome
     * @throws AuthKeyException if a check fails, the server failed the key, or it asked too often
     * @throws TlException if the answer is malformed
     */
    public Answer onDhGen(byte[] body) throws AuthKeyException, TlException {
        expect(Stage.CLIENT_DH_SENT);
        TlReader in = new TlReader(body);
        int constructor = in.int32();
        checkNonce(in.raw(16));
        checkServerNonce(in.raw(16));
        byte[] hash = in.raw(16);
        byte[] authKey = setBefore(this.authKey);
        byte[] auxHash = Arrays.copyOf(Digests.sha1(authKey), 8);
        int which = constructor == DH_GEN_OK ? 1 : constructor == DH_GEN_RETRY ? 2 : constructor == DH_GEN_FAIL ? 3 : 0;
        if (which == 0) {
            throw new AuthKeyException("expected dh_gen_ok, dh_gen_retry or dh_gen_fail, got constructor "
                    + Integer.toHexString(constructor));
        }
        if (!MessageDigest.isEqual(hash, newNonceHash(newNonce, which, auxHash))) {
            throw new AuthKeyException("new_nonce_hash" + which + " does not match");
        }
        if (which == 3) {
            throw new AuthKeyException("the server failed the key (dh_gen_fail)");
        }
        if (which == 2) {
            if (++retries > 5) {
                throw new AuthKeyException("the server asked to retry more than 5 times (dh_gen_retry)");
            }
            retryId = ByteBuffer.wrap(auxHash).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return new Again(clientDhParams());
        }
        stage = Stage.DONE;
        byte[] sha1 = Digests.sha1(authKey);
        long id = ByteBuffer.wrap(sha1, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long salt = ByteBuffer.wrap(xor(Arrays.copyOf(newNonce, 8), Arrays.copyOf(serverNonce, 8)))
                .order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new Created(authKey, id, salt, serverTimeOffset);
    }

    /**
     * tmp_aes_key and tmp_aes_iv of the DH answers: SHA1(new_nonce + server_nonce) +
     * SHA1(server_nonce + new_nonce)[0, 12), and SHA1(server_nonce + new_nonce)[12, 20) +
     * SHA1(new_nonce + new_nonce) + new_nonce[0, 4).
     *
     * @param newNonce 32 bytes
     * @param serverNonce 16 bytes
     * @return {key, iv}
     */
    public static byte[][] temporaryKey(byte[] newNonce, byte[] serverNonce) {
        byte[] a = Digests.sha1(newNonce, serverNonce);
        byte[] b = Digests.sha1(serverNonce, newNonce);
        byte[] c = Digests.sha1(newNonce, newNonce);
        byte[] key = concat(a, Arrays.copyOf(b, 12));
        byte[] iv = concat(Arrays.copyOfRange(b, 12, 20), c, Arrays.copyOf(newNonce, 4));
        return new byte[][] {key, iv};
    }

    /**
     * new_nonce_hash1, 2 or 3: the lower 128 bits of SHA1(new_nonce + [n] + auth_key_aux_hash).
     *
     * @param newNonce 32 bytes
     * @param n 1, 2 or 3
     * @param auxHash the first 8 bytes of SHA1(auth_key)
     * @return 16 bytes
     */
    public static byte[] newNonceHash(byte[] newNonce, int n, byte[] auxHash) {
        return Arrays.copyOfRange(Digests.sha1(newNonce, new byte[] {(byte) n}, auxHash), 4, 20);
    }

    private void expect(Stage s) {
        if (stage != s) {
            throw new IllegalStateException("the auth key exchange is at " + stage + ", not at " + s);
        }
    }

    /** A value an earlier step set: {@link #expect} let this step run, so that step has run. */
    private static <T> T setBefore(@Nullable T value) {
        return Objects.requireNonNull(value, "set by an earlier step of the exchange");
    }

    private static void constructor(TlReader in, int expected, String name) throws TlException, AuthKeyException {
        int c = in.int32();
        if (c != expected) {
            throw new AuthKeyException("expected " + name + ", got constructor " + Integer.toHexString(c));
        }
    }

    private void checkNonce(byte[] got) throws AuthKeyException {
        if (!MessageDigest.isEqual(got, nonce)) {
            throw new AuthKeyException("the answer's nonce is not this exchange's");
        }
    }

    private void checkServerNonce(byte[] got) throws AuthKeyException {
        if (!MessageDigest.isEqual(got, serverNonce)) {
            throw new AuthKeyException("the answer's server_nonce is not the one resPQ gave");
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public String toString() {
        return "AuthKeyExchange[dc " + dc + ", " + stage + "]";
    }
}
