package io.groupkit.testkit.telegram;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.DhChecks;
import io.groupkit.mtproto.Digests;
import io.groupkit.mtproto.RsaPublicKey;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The fake data centre's login methods: {@code auth.sendCode} (a code "sent" that a test reads
 * back), {@code auth.signIn}, and two-step verification ({@code account.getPassword},
 * {@code auth.checkPassword}) as the server's side of SRP-6a: it keeps v = g^x only. A key that
 * logs in is authorized for every other method.
 */
final class LoginDesk {
    static final int AUTH_SEND_CODE = 0xa677244f;
    static final int AUTH_SIGN_IN = 0x8d52a951;
    static final int ACCOUNT_GET_PASSWORD = 0x548a30f5;
    static final int AUTH_CHECK_PASSWORD = 0xd18b4d16;
    static final int HELP_GET_CONFIG = 0xc4f9186b;
    private static final int CONFIG = 0xcc1a241e;
    private static final int DC_OPTION = 0x18b7a10d;
    private static final int CODE_SETTINGS = 0xad253d78;
    private static final int SENT_CODE = 0x5e002502;
    private static final int SENT_CODE_TYPE_APP = 0x3dbb5986;
    private static final int AUTHORIZATION = 0x2ea2c0d4;
    private static final int AUTHORIZATION_SIGN_UP_REQUIRED = 0x44747e9a;
    private static final int ACCOUNT_PASSWORD = 0x957b50fb;
    private static final int KDF_SRP = 0x3a912d4a;
    private static final int KDF_UNKNOWN = 0xd45ab096;
    private static final int SECURE_KDF_UNKNOWN = 0x004a8537;
    private static final int INPUT_CHECK_PASSWORD_SRP = 0xd27ff082;
    private static final BigInteger G = BigInteger.valueOf(3);

    private final TelegramSimulator sim;
    private final SplittableRandom random;
    private @Nullable String code;
    private @Nullable String codeHash;
    private boolean codeAccepted;
    private @Nullable BigInteger b; // the SRP secret of the last account.getPassword
    private long srpId;
    private int layer = 228;

    LoginDesk(TelegramSimulator sim, long seed) {
        this.sim = sim;
        this.random = new SplittableRandom(seed);
    }

    static boolean handles(int constructor) {
        return constructor == AUTH_SEND_CODE || constructor == AUTH_SIGN_IN || constructor == ACCOUNT_GET_PASSWORD
                || constructor == AUTH_CHECK_PASSWORD || constructor == HELP_GET_CONFIG
                || constructor == Constructors.AUTH_IMPORT_AUTHORIZATION;
    }

    /** One login call on the connection of key {@code authKeyId}; the simulator's lock is held. */
    byte[] call(long authKeyId, byte[] query, int layer) {
        this.layer = layer;
        try {
            TlReader r = new TlReader(query);
            return switch (r.int32()) {
                case AUTH_SEND_CODE -> sendCode(r);
                case AUTH_SIGN_IN -> signIn(authKeyId, r);
                case ACCOUNT_GET_PASSWORD -> password();
                case HELP_GET_CONFIG -> config();
                case Constructors.AUTH_IMPORT_AUTHORIZATION -> importAuthorization(authKeyId, r.int64(), r.bytes());
                default -> checkPassword(authKeyId, r);
            };
        } catch (TlException e) {
            return ServerConnection.error(400, "INPUT_FETCH_FAIL");
        }
    }

    private byte[] sendCode(TlReader r) throws TlException {
        String phone = r.string();
        int apiId = r.int32();
        String apiHash = r.string();
        if (r.int32() != CODE_SETTINGS) {
            return ServerConnection.error(400, "INPUT_FETCH_FAIL");
        }
        r.int32(); // flags of codeSettings
        if (apiId <= 0 || apiHash.isEmpty()) {
            return ServerConnection.error(400, "API_ID_INVALID");
        }
        if (!phone.matches("\\+?[0-9]{7,15}")) {
            return ServerConnection.error(400, "PHONE_NUMBER_INVALID");
        }
        if (sim.loginHomeDc() != 0) {
            return ServerConnection.error(303, "PHONE_MIGRATE_" + sim.loginHomeDc());
        }
        String wait = sim.loginFloodWait();
        if (wait != null) {
            return ServerConnection.error(420, wait);
        }
        code = String.format("%05d", random.nextInt(100_000));
        codeHash = Long.toHexString(random.nextLong());
        codeAccepted = false;
        sim.codeSent(phone.replace("+", ""), code);
        return new TlWriter().int32(SENT_CODE).int32(0).int32(SENT_CODE_TYPE_APP).int32(5).string(codeHash).toByteArray();
    }

    private byte[] signIn(long authKeyId, TlReader r) throws TlException {
        int flags = r.int32();
        String phone = r.string().replace("+", "");
        String hash = r.string();
        String given = (flags & 1) != 0 ? r.string() : "";
        if (codeHash == null || !codeHash.equals(hash)) {
            return ServerConnection.error(400, "PHONE_CODE_EXPIRED");
        }
        if (!given.equals(code)) {
            return ServerConnection.error(400, "PHONE_CODE_INVALID");
        }
        if (!sim.isSelfPhone(phone)) {
            codeHash = null;
            return new TlWriter().int32(AUTHORIZATION_SIGN_UP_REQUIRED).int32(0).toByteArray();
        }
        codeAccepted = true;
        if (sim.twoStepPassword() != null) {
            return ServerConnection.error(401, "SESSION_PASSWORD_NEEDED");
        }
        return authorized(authKeyId);
    }

    private byte[] password() {
        byte[][] p = sim.srpSalts();
        TlWriter w = new TlWriter().int32(ACCOUNT_PASSWORD);
        if (p == null) {
            return w.int32(0).int32(KDF_UNKNOWN).int32(SECURE_KDF_UNKNOWN).bytes(new byte[8]).toByteArray();
        }
        byte[] bBytes = new byte[256];
        random.nextBytes(bBytes);
        b = new BigInteger(1, bBytes);
        srpId = random.nextLong();
        BigInteger gB = k().multiply(v()).add(G.modPow(b, DhChecks.TELEGRAM_PRIME)).mod(DhChecks.TELEGRAM_PRIME);
        return w.int32(1 << 2 | 1 << 3)
                .int32(KDF_SRP).bytes(p[0]).bytes(p[1]).int32(3).bytes(pad(DhChecks.TELEGRAM_PRIME))
                .bytes(pad(gB)).int64(srpId).string("the usual one")
                .int32(KDF_UNKNOWN).int32(SECURE_KDF_UNKNOWN).bytes(new byte[8]).toByteArray();
    }

    private byte[] checkPassword(long authKeyId, TlReader r) throws TlException {
        if (r.int32() != INPUT_CHECK_PASSWORD_SRP) {
            return ServerConnection.error(400, "PASSWORD_HASH_INVALID");
        }
        long id = r.int64();
        BigInteger a = new BigInteger(1, r.bytes());
        byte[] m1 = r.bytes();
        byte[][] p = sim.srpSalts();
        if (p == null || b == null || id != srpId || !codeAccepted) {
            return ServerConnection.error(400, "SRP_ID_INVALID");
        }
        BigInteger prime = DhChecks.TELEGRAM_PRIME;
        BigInteger gB = k().multiply(v()).add(G.modPow(b, prime)).mod(prime);
        BigInteger u = new BigInteger(1, Digests.sha256(pad(a), pad(gB)));
        BigInteger s = a.multiply(v().modPow(u, prime)).modPow(b, prime);
        byte[] hp = Digests.sha256(pad(prime));
        byte[] hg = Digests.sha256(pad(G));
        for (int i = 0; i < hp.length; i++) {
            hp[i] ^= hg[i];
        }
        byte[] expected = Digests.sha256(hp, Digests.sha256(p[0]), Digests.sha256(p[1]), pad(a), pad(gB),
                Digests.sha256(pad(s)));
        b = null; // one try per account.getPassword, as a server's srp_id is single-use
        if (!Arrays.equals(expected, m1)) {
            return ServerConnection.error(400, "PASSWORD_HASH_INVALID");
        }
        return authorized(authKeyId);
    }

    /**
     * {@code config} of layer 228 with no optional field set: the data centre table (this one and
     * those added with {@link TelegramSimulator#dataCentre}) and plausible limits.
     */
    private byte[] config() {
        TlWriter w = new TlWriter().int32(CONFIG).int32(0);
        int now = (int) (sim.serverEpochNanos() / 1_000_000_000L);
        w.int32(now).int32(now + 3600).bool(false).int32(sim.dcId());
        java.util.Map<Integer, Integer> dcs = sim.dataCentres();
        w.int32(TlWriter.VECTOR).int32(dcs.size());
        dcs.forEach((dc, port) -> w.int32(DC_OPTION).int32(0).int32(dc).string("127.0.0.1").int32(port));
        w.string("apv3.stel.com");
        for (int limit : new int[] {200, 200_000, 100, 210_000, 5_000, 30_000, 300_000, 30_000, 1_500, 60_000, 2, 172_800,
                172_800, 2_147_483_647, 2_419_200, 200, 86_400}) {
            w.int32(limit); // chat_size_max ... channels_read_media_period
        }
        w.int32(20_000).int32(90_000).int32(30_000).int32(10_000); // call timeouts
        w.string("https://t.me/");
        w.int32(4_096).int32(4_096).int32(4); // caption_length_max, message_length_max, webfile_dc_id
        return w.toByteArray();
    }

    /** A key made here logs in with what another data centre's {@code auth.exportAuthorization} gave. */
    private byte[] importAuthorization(long authKeyId, long id, byte[] bytes) {
        if (!sim.takeImport(id, bytes)) {
            return ServerConnection.error(400, "AUTH_BYTES_INVALID");
        }
        return authorized(authKeyId);
    }

    private byte[] authorized(long authKeyId) {
        sim.authorize(authKeyId);
        codeHash = null;
        return new TlWriter().int32(AUTHORIZATION).int32(0).raw(Methods.self(sim, layer)).toByteArray();
    }

    private static BigInteger k() {
        return new BigInteger(1, Digests.sha256(pad(DhChecks.TELEGRAM_PRIME), pad(G)));
    }

    private BigInteger v() {
        return G.modPow(new BigInteger(1, sim.passwordHash()), DhChecks.TELEGRAM_PRIME);
    }

    private static byte[] pad(BigInteger v) {
        return RsaPublicKey.toBytes(v, 256);
    }
}
