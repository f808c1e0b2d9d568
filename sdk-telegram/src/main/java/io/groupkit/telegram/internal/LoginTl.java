package io.groupkit.telegram.internal;

import io.groupkit.mtproto.Srp;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import java.util.OptionalLong;

/**
 * The login methods' requests and answers (layer 228, checked against tdlib's
 * telegram_api.tl): {@code auth.sendCode}, {@code auth.signIn}, {@code account.getPassword},
 * {@code auth.checkPassword}. Answers are read only as far as login needs.
 */
public final class LoginTl {
    static final int AUTH_SEND_CODE = 0xa677244f;
    static final int CODE_SETTINGS = 0xad253d78;
    static final int AUTH_SIGN_IN = 0x8d52a951;
    static final int ACCOUNT_GET_PASSWORD = 0x548a30f5;
    static final int AUTH_CHECK_PASSWORD = 0xd18b4d16;
    static final int INPUT_CHECK_PASSWORD_SRP = 0xd27ff082;
    static final int SENT_CODE = 0x5e002502;
    static final int SENT_CODE_SUCCESS = 0x2390fe44;
    static final int AUTHORIZATION = 0x2ea2c0d4;
    static final int AUTHORIZATION_SIGN_UP_REQUIRED = 0x44747e9a;
    static final int ACCOUNT_PASSWORD = 0x957b50fb;
    static final int KDF_SRP = 0x3a912d4a;
    static final int USER = 0xb1b8cc83;
    static final int USER_224 = 0x31774388; // layers 224 to 227, which some servers and the simulator still write
    static final int USER_EMPTY = 0xd3bc4b7a;
    static final int HELP_GET_CONFIG = 0xc4f9186b;
    static final int CONFIG = 0xcc1a241e;
    static final int DC_OPTION = 0x18b7a10d;

    private LoginTl() {
    }

    /**
     * How the code was sent, and what it looks like.
     *
     * @param hash the phone_code_hash to sign in with
     * @param via how it was sent
     * @param length its length, or 0
     */
    public record SentCode(String hash, String via, int length) {
    }

    /**
     * {@code auth.sendCode} with default code settings.
     *
     * @param phone the number
     * @param apiId the api_id
     * @param apiHash the api_hash
     * @return the request
     */
    public static byte[] sendCode(String phone, int apiId, String apiHash) {
        return new TlWriter().int32(AUTH_SEND_CODE).string(phone).int32(apiId).string(apiHash).int32(CODE_SETTINGS).int32(0)
                .toByteArray();
    }

    /**
     * {@code auth.signIn} with the code.
     *
     * @param phone the number
     * @param hash the phone_code_hash
     * @param code the code
     * @return the request
     */
    public static byte[] signIn(String phone, String hash, String code) {
        return new TlWriter().int32(AUTH_SIGN_IN).int32(1).string(phone).string(hash).string(code).toByteArray();
    }

    /**
     * {@code help.getConfig}.
     *
     * @return the request
     */
    public static byte[] getConfig() {
        return new TlWriter().int32(HELP_GET_CONFIG).toByteArray();
    }

    /**
     * The data centres a {@code config} names: for each, its first IPv4 address for everything
     * (not media-only, not a CDN). The rest of the config is not read.
     *
     * @param body the answer
     * @return data centre id to host and port
     * @throws TlException if it is not a config
     */
    public static java.util.Map<Integer, java.net.InetSocketAddress> dataCentres(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        if (r.int32() != CONFIG) {
            throw new TlException("expected config");
        }
        r.int32(); // flags
        r.int32(); // date
        r.int32(); // expires
        r.bool(); // test_mode
        r.int32(); // this_dc
        int count = r.vectorHeader(16);
        java.util.Map<Integer, java.net.InetSocketAddress> dcs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            if (r.int32() != DC_OPTION) {
                throw new TlException("expected dcOption");
            }
            int flags = r.int32();
            int id = r.int32();
            String ip = r.string();
            int port = r.int32();
            if ((flags & 1 << 10) != 0) {
                r.bytes(); // secret
            }
            boolean general = (flags & (1 | 1 << 1 | 1 << 3)) == 0; // not IPv6, media-only or CDN
            if (general && port > 0 && port < 65_536) {
                dcs.putIfAbsent(id, java.net.InetSocketAddress.createUnresolved(ip, port));
            }
        }
        return dcs;
    }

    /**
     * {@code auth.exportAuthorization}: what lets a key in another data centre log in as this one.
     *
     * @param dc the data centre
     * @return the request
     */
    public static byte[] exportAuthorization(int dc) {
        return new TlWriter().int32(io.groupkit.mtproto.Constructors.AUTH_EXPORT_AUTHORIZATION).int32(dc).toByteArray();
    }

    /**
     * An exported authorization (a secret: it logs a key in).
     *
     * @param id its id
     * @param bytes its bytes
     */
    public record Exported(long id, byte[] bytes) {
        @Override
        public String toString() {
            return "Exported[" + bytes.length + " bytes]";
        }
    }

    /**
     * Reads {@code auth.exportedAuthorization}.
     *
     * @param body the answer
     * @return the authorization
     * @throws TlException if it is not one
     */
    public static Exported exported(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int c = r.int32();
        if (c != io.groupkit.mtproto.Constructors.EXPORTED_AUTHORIZATION) {
            throw new TlException("expected auth.exportedAuthorization (b434e2b8), got " + Integer.toHexString(c));
        }
        return new Exported(r.int64(), r.bytes());
    }

    /**
     * {@code auth.importAuthorization}.
     *
     * @param exported what the other data centre exported
     * @return the request
     */
    public static byte[] importAuthorization(Exported exported) {
        return new TlWriter().int32(io.groupkit.mtproto.Constructors.AUTH_IMPORT_AUTHORIZATION).int64(exported.id())
                .bytes(exported.bytes()).toByteArray();
    }

    /**
     * {@code account.getPassword}.
     *
     * @return the request
     */
    public static byte[] getPassword() {
        return new TlWriter().int32(ACCOUNT_GET_PASSWORD).toByteArray();
    }

    /**
     * {@code auth.checkPassword} with the SRP proof.
     *
     * @param check A and M1
     * @return the request
     */
    public static byte[] checkPassword(Srp.Check check) {
        return new TlWriter().int32(AUTH_CHECK_PASSWORD).int32(INPUT_CHECK_PASSWORD_SRP).int64(check.srpId()).bytes(check.a())
                .bytes(check.m1()).toByteArray();
    }

    /**
     * Reads {@code auth.sentCode}.
     *
     * @param body the answer
     * @return how the code came
     * @throws TlException if it is not one, or a {@code sentCodeSuccess} (it answers only clients that send future auth tokens)
     */
    public static SentCode sentCode(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int c = r.int32();
        if (c == SENT_CODE_SUCCESS) {
            // Only sent to a client that gave future auth tokens in codeSettings, which this one never does.
            throw new TlException("Telegram answered auth.sentCodeSuccess, which a login without future auth tokens"
                    + " does not expect");
        }
        if (c != SENT_CODE) {
            throw new TlException("expected auth.sentCode, got " + Integer.toHexString(c));
        }
        r.int32(); // flags
        int type = r.int32();
        String via;
        int length = 0;
        switch (type) {
            case 0x3dbb5986 -> { via = "app"; length = r.int32(); }
            case 0xc000bba2 -> { via = "sms"; length = r.int32(); }
            case 0x5353e5a7 -> { via = "call"; length = r.int32(); }
            case 0xab03c6d9 -> { via = "flash call"; r.string(); }
            case 0x82006484 -> { via = "missed call"; r.string(); length = r.int32(); }
            case 0xd9565c39 -> { via = "fragment"; r.string(); length = r.int32(); }
            case 0xf450f59b -> {
                via = "email";
                int f = r.int32();
                r.string();
                length = r.int32();
                if ((f & 1 << 3) != 0) {
                    r.int32();
                }
                if ((f & 1 << 4) != 0) {
                    r.int32();
                }
            }
            case 0xa416ac81, 0xb37794af -> {
                via = type == 0xa416ac81 ? "sms word" : "sms phrase";
                if ((r.int32() & 1) != 0) {
                    r.string();
                }
            }
            case 0x009fd736 -> {
                via = "sms";
                int f = r.int32();
                if ((f & 1) != 0) {
                    r.bytes();
                }
                if ((f & 1 << 2) != 0) {
                    r.int64();
                    r.bytes();
                }
                if ((f & 1 << 1) != 0) {
                    r.string();
                    r.int32();
                }
                length = r.int32();
            }
            case 0xa5491dea -> throw new TlException("Telegram asks to set up a login email first: log in once in an"
                    + " official app");
            default -> throw new TlException("an auth.SentCodeType this client does not know: " + Integer.toHexString(type));
        }
        return new SentCode(r.string(), via, length);
    }

    /**
     * The user id of {@code auth.authorization}; empty for {@code authorizationSignUpRequired}.
     *
     * @param body the answer
     * @return the id
     * @throws TlException if it is neither
     */
    public static OptionalLong authorizedUser(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int c = r.int32();
        if (c == AUTHORIZATION_SIGN_UP_REQUIRED) {
            return OptionalLong.empty();
        }
        if (c != AUTHORIZATION) {
            throw new TlException("expected auth.authorization, got " + Integer.toHexString(c));
        }
        int flags = r.int32();
        if ((flags & 1 << 1) != 0) {
            r.int32(); // otherwise_relogin_days
        }
        if ((flags & 1) != 0) {
            r.int32(); // tmp_sessions
        }
        if ((flags & 1 << 2) != 0) {
            r.bytes(); // future_auth_token
        }
        int user = r.int32();
        if (user == USER || user == USER_224) {
            r.int32();
            r.int32();
            return OptionalLong.of(r.int64());
        }
        if (user == USER_EMPTY) {
            return OptionalLong.of(r.int64());
        }
        throw new TlException("expected a user in auth.authorization, got " + Integer.toHexString(user));
    }

    /**
     * What {@code account.password} says.
     *
     * @param parameters the SRP parameters
     * @param hint the hint, or ""
     */
    public record Password(Srp.Parameters parameters, String hint) {
    }

    /**
     * Reads {@code account.password}.
     *
     * @param body the answer
     * @return the SRP parameters and hint, or empty when the account has no password
     * @throws TlException if it is not one, or names an algorithm this client does not know
     */
    public static java.util.Optional<Password> password(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        if (r.int32() != ACCOUNT_PASSWORD) {
            throw new TlException("expected account.password");
        }
        int flags = r.int32();
        if ((flags & 1 << 2) == 0) {
            return java.util.Optional.empty();
        }
        if (r.int32() != KDF_SRP) {
            throw new TlException("the account's password algorithm is not one this client knows: update GroupKit");
        }
        byte[] salt1 = r.bytes();
        byte[] salt2 = r.bytes();
        int g = r.int32();
        byte[] p = r.bytes();
        byte[] gB = r.bytes();
        long srpId = r.int64();
        String hint = (flags & 1 << 3) != 0 ? r.string() : "";
        return java.util.Optional.of(new Password(new Srp.Parameters(salt1, salt2, g, p, gB, srpId), hint));
    }
}
