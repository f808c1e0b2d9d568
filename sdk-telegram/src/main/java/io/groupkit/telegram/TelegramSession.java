package io.groupkit.telegram;

import io.groupkit.telegram.internal.Exceptions;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An authorised Telegram session: the data centre to talk to and the 256-byte auth key that
 * MTProto encrypts with. Import the strings users already have with {@link #fromTelethon},
 * {@link #fromPyrogram} or {@link #parse}, or give the parts with {@link #of}.
 *
 * <p>The auth key is a secret: {@code toString()} shows only its public id, no exception message
 * quotes a session string, and {@link #authKey()} hands out a copy. Immutable.
 */
public final class TelegramSession {
    /** Production data centres (IPv4), port 443, for session strings that carry no address. */
    static final Map<Integer, String> PRODUCTION = Map.of(
            1, "149.154.175.53", 2, "149.154.167.51", 3, "149.154.175.100", 4, "149.154.167.91", 5, "91.108.56.130");
    /** Test data centres, port 80. */
    private static final Map<Integer, String> TEST = Map.of(1, "149.154.175.10", 2, "149.154.167.40", 3, "149.154.175.117");
    private static final int KEY = 256;
    /** testMode of a session on Telegram's production data centres. */
    private static final boolean NOT_TEST_MODE = false;
    /** bot of a session that is not known to be a bot's. */
    private static final boolean NOT_A_BOT = false;

    private final int dcId;
    private final String host;
    private final int port;
    private final byte[] authKey;
    private final boolean testMode;
    private final OptionalLong userId;
    private final OptionalInt apiId;
    private final boolean bot;

    private TelegramSession(int dcId, String host, int port, byte[] authKey, boolean testMode, OptionalLong userId,
                            OptionalInt apiId, boolean bot) {
        this.dcId = dcId;
        this.host = host;
        this.port = port;
        this.authKey = authKey.clone();
        this.testMode = testMode;
        this.userId = userId;
        this.apiId = apiId;
        this.bot = bot;
    }

    /**
     * A session from its parts.
     *
     * @param dcId the data centre, 1 or more
     * @param host its address
     * @param port its port, 1 to 65535
     * @param authKey the 256-byte auth key (copied)
     * @return the session
     * @throws IllegalArgumentException if a part is out of range
     */
    public static TelegramSession of(int dcId, String host, int port, byte[] authKey) {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(authKey, "authKey must not be null");
        check(dcId >= 1 && dcId < 1000, "a data centre id from 1 to 999, got " + dcId);
        check(!host.isBlank(), "a data centre host, got a blank string");
        check(port >= 1 && port <= 65_535, "a port from 1 to 65535, got " + port);
        check(authKey.length == KEY, "an auth key of 256 bytes, got " + authKey.length);
        return new TelegramSession(dcId, host.strip(), port, authKey, NOT_TEST_MODE, OptionalLong.empty(), OptionalInt.empty(),
                NOT_A_BOT);
    }

    /**
     * A Telethon {@code StringSession}: {@code '1'} and the url-safe base64 of the data centre id,
     * its IPv4 or IPv6 address, its port and the auth key.
     *
     * @param session the string
     * @return the session
     * @throws IllegalArgumentException if it is not such a string; the message says what was wrong
     */
    public static TelegramSession fromTelethon(String session) {
        Objects.requireNonNull(session, "session string must not be null");
        String s = session.strip();
        String expected = "a Telethon StringSession ('1' then url-safe base64 of 263 or 275 bytes)";
        checkFormat(!s.isEmpty(), expected, "it is empty");
        checkFormat(s.charAt(0) == '1', expected, "it starts with another version than '1'");
        byte[] raw = decode(s.substring(1), expected);
        checkFormat(raw.length == 1 + 4 + 2 + KEY || raw.length == 1 + 16 + 2 + KEY, expected,
                "it holds " + raw.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(raw); // big-endian, as Telethon packs it
        int dc = Byte.toUnsignedInt(b.get());
        byte[] ip = new byte[raw.length == 1 + 4 + 2 + KEY ? 4 : 16];
        b.get(ip);
        int port = Short.toUnsignedInt(b.getShort());
        byte[] key = new byte[KEY];
        b.get(key);
        checkFormat(dc >= 1, expected, "its data centre id is 0");
        checkFormat(port >= 1, expected, "its port is 0");
        return new TelegramSession(dc, address(ip), port, key, NOT_TEST_MODE, OptionalLong.empty(), OptionalInt.empty(),
                NOT_A_BOT);
    }

    /**
     * A Pyrogram session string: url-safe base64 without padding of the data centre id, the app's
     * api_id, test mode, the auth key, the user id and whether it is a bot (also the two older
     * layouts without api_id). The address comes from Telegram's table of data centres.
     *
     * @param session the string
     * @return the session
     * @throws IllegalArgumentException if it is not such a string; the message says what was wrong
     */
    public static TelegramSession fromPyrogram(String session) {
        Objects.requireNonNull(session, "session string must not be null");
        String expected = "a Pyrogram session string (url-safe base64 of 271 bytes, or 263 or 267 in older versions)";
        String s = session.strip();
        checkFormat(!s.isEmpty(), expected, "it is empty");
        byte[] raw = decode(s, expected);
        ByteBuffer b = ByteBuffer.wrap(raw); // big-endian, as Pyrogram packs it
        int dc;
        OptionalInt api = OptionalInt.empty();
        boolean test;
        byte[] key = new byte[KEY];
        long user;
        switch (raw.length) {
            case 271 -> { // >BI?256sQ?
                dc = Byte.toUnsignedInt(b.get());
                api = OptionalInt.of(b.getInt());
                test = bool(b.get(), expected);
                b.get(key);
                user = b.getLong();
            }
            case 263 -> { // >B?256sI?
                dc = Byte.toUnsignedInt(b.get());
                test = bool(b.get(), expected);
                b.get(key);
                user = Integer.toUnsignedLong(b.getInt());
            }
            case 267 -> { // >B?256sQ?
                dc = Byte.toUnsignedInt(b.get());
                test = bool(b.get(), expected);
                b.get(key);
                user = b.getLong();
            }
            default -> throw new IllegalArgumentException("expected " + expected + "; it holds " + raw.length + " bytes");
        }
        boolean isBot = bool(b.get(), expected);
        String host = (test ? TEST : PRODUCTION).get(dc);
        if (host == null) {
            throw badFormat(expected, "it names data centre " + dc + ", which is not a known "
                    + (test ? "test" : "production") + " data centre (give the address with TelegramSession.of)");
        }
        return new TelegramSession(dc, host, test ? 80 : 443, key, test, OptionalLong.of(user), api, isBot);
    }

    /** The start of GroupKit's own session strings. */
    static final String OWN_PREFIX = "gk1:";

    /**
     * GroupKit's own session string: {@code gk1:} and the url-safe base64 (no padding) of
     * {@code version (1 byte, 1) | dc id (int32) | test mode (1 byte) | port (uint16) | host length
     * (1 byte) | host (UTF-8) | auth key (256 bytes) | user id (int64, 0 if not logged in) |
     * api_id (int32, 0 if unknown)}, all big-endian. It keeps what a login learned, which the
     * Telethon format cannot. A secret, as the key is: keep it where your other credentials are.
     *
     * @return the string
     */
    public String save() {
        byte[] h = host.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 1 + 2 + 1 + h.length + KEY + 8 + 4);
        b.put((byte) 1).putInt(dcId).put((byte) (testMode ? 1 : 0)).putShort((short) port).put((byte) h.length).put(h)
                .put(authKey).putLong(userId.orElse(0)).putInt(apiId.orElse(0));
        return OWN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * A session {@link #save} wrote.
     *
     * @param saved the string
     * @return the session
     * @throws IllegalArgumentException if it is not one; the message says what was wrong, never the string
     */
    public static TelegramSession load(String saved) {
        Objects.requireNonNull(saved, "session string must not be null");
        String expected = "a GroupKit session string (gk1: then url-safe base64)";
        String s = saved.strip();
        checkFormat(s.startsWith(OWN_PREFIX), expected, "it does not start with gk1:");
        byte[] raw = decode(s.substring(OWN_PREFIX.length()), expected);
        ByteBuffer b = ByteBuffer.wrap(raw);
        checkFormat(raw.length >= 1 + 4 + 1 + 2 + 1 + KEY + 12 && b.get() == 1, expected, "it is not version 1");
        int dc = b.getInt();
        boolean test = bool(b.get(), expected);
        int port = Short.toUnsignedInt(b.getShort());
        int hostLength = Byte.toUnsignedInt(b.get());
        checkFormat(raw.length == 1 + 4 + 1 + 2 + 1 + hostLength + KEY + 12, expected, "its length does not match its host");
        byte[] h = new byte[hostLength];
        b.get(h);
        byte[] key = new byte[KEY];
        b.get(key);
        long user = b.getLong();
        int api = b.getInt();
        TelegramSession parts = of(dc, new String(h, java.nio.charset.StandardCharsets.UTF_8), port, key);
        return new TelegramSession(parts.dcId, parts.host, parts.port, key, test,
                user == 0 ? OptionalLong.empty() : OptionalLong.of(user), api == 0 ? OptionalInt.empty() : OptionalInt.of(api),
                false);
    }

    /**
     * This session as a Telethon {@code StringSession}, for tools that take one (it carries no user
     * id or api_id).
     *
     * @return the string
     * @throws IllegalStateException if the host is a name, not an IP address (Telethon keeps an address)
     */
    public String toTelethon() {
        byte[] ip;
        try {
            check(host.matches("[0-9.]+|[0-9a-fA-F:]+"), "an IP address");
            ip = java.net.InetAddress.getByName(host).getAddress();
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            throw new IllegalStateException("a Telethon string needs the data centre's IP address; this session has a host"
                    + " name: save() keeps it");
        }
        ByteBuffer b = ByteBuffer.allocate(1 + ip.length + 2 + KEY);
        b.put((byte) dcId).put(ip).putShort((short) port).put(authKey);
        return "1" + Base64.getUrlEncoder().encodeToString(b.array());
    }

    /**
     * Either kind of string: a Telethon one starts with {@code '1'} and decodes to 263 or 275
     * bytes; anything else is read as Pyrogram's.
     *
     * @param session the string
     * @return the session
     * @throws IllegalArgumentException if it is neither; the message names both formats
     */
    public static TelegramSession parse(String session) {
        Objects.requireNonNull(session, "session string must not be null");
        String s = session.strip();
        if (s.startsWith(OWN_PREFIX)) {
            return load(s);
        }
        if (s.startsWith("1")) {
            try {
                return fromTelethon(s);
            } catch (IllegalArgumentException notTelethon) {
                // A Pyrogram string may start with '1' too; fall through.
            }
        }
        try {
            return fromPyrogram(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a Telethon StringSession or a Pyrogram session string; "
                    + Exceptions.message(e).replaceFirst("^expected ", "as the latter: expected "));
        }
    }

    /**
     * This key after a login: the account's user id and the api_id it logged in with.
     *
     * @param user the user id
     * @param apiId the api_id
     * @return a copy
     */
    TelegramSession loggedIn(long user, int apiId) {
        return new TelegramSession(dcId, host, port, authKey, testMode, OptionalLong.of(user), OptionalInt.of(apiId), bot);
    }

    /**
     * The same account at home in another data centre, with a key made there.
     *
     * @param dc the data centre
     * @param newHost its address
     * @param newPort its port
     * @param newKey the key made there and logged in by auth.importAuthorization
     * @param user the account's user id
     * @param apiId the api_id
     * @return the new session
     */
    TelegramSession movedTo(int dc, String newHost, int newPort, byte[] newKey, long user, int apiId) {
        return new TelegramSession(dc, newHost, newPort, newKey.clone(), testMode, OptionalLong.of(user),
                OptionalInt.of(apiId), bot);
    }

    /**
     * The address of a known data centre.
     *
     * @param dc the data centre
     * @param test whether of Telegram's test servers
     * @return host and port, or null if the data centre is not a known one
     */
    static java.net.@org.jspecify.annotations.Nullable InetSocketAddress knownAddress(int dc, boolean test) {
        String host = (test ? TEST : PRODUCTION).get(dc);
        return host == null ? null : java.net.InetSocketAddress.createUnresolved(host, test ? 80 : 443);
    }

    /**
     * The data centre.
     *
     * @return its id
     */
    public int dcId() {
        return dcId;
    }

    /**
     * The data centre's address.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * The data centre's port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Whether this is a session of Telegram's test servers.
     *
     * @return true for test servers
     */
    public boolean testMode() {
        return testMode;
    }

    /**
     * The account's user id, when the string carried it (Pyrogram).
     *
     * @return the id, or empty
     */
    public OptionalLong userId() {
        return userId;
    }

    /**
     * The app's api_id, when the string carried it (Pyrogram 2).
     *
     * @return the id, or empty
     */
    public OptionalInt apiId() {
        return apiId;
    }

    /**
     * Whether the account is a bot (Pyrogram strings say so).
     *
     * @return true for a bot
     */
    public boolean bot() {
        return bot;
    }

    /**
     * The auth key: a secret. Never log it.
     *
     * @return a copy of the 256 bytes
     */
    public byte[] authKey() {
        return authKey.clone();
    }

    /**
     * The auth key's public id, as MTProto sends it: the lower 64 bits of its SHA-1 (bytes 12 to
     * 20 of the digest, little-endian).
     *
     * @return the id
     */
    public long authKeyId() {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(authKey);
            return ByteBuffer.wrap(sha1, 12, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static byte[] decode(String base64, String expected) {
        checkFormat(base64.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '='),
                expected, "it has characters outside url-safe base64");
        try {
            String unpadded = base64.replace("=", "");
            return Base64.getUrlDecoder().decode(unpadded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + expected + "; it is not valid base64");
        }
    }

    private static boolean bool(byte b, String expected) {
        checkFormat(b == 0 || b == 1, expected, "a flag byte is neither 0 nor 1");
        return b == 1;
    }

    private static String address(byte[] ip) {
        try {
            return java.net.InetAddress.getByAddress(ip).getHostAddress();
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible); // only for a wrong length, ruled out above
        }
    }

    private static void check(boolean ok, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }

    private static void checkFormat(boolean ok, String expected, String problem) {
        if (!ok) {
            throw badFormat(expected, problem);
        }
    }

    private static IllegalArgumentException badFormat(String expected, String problem) {
        return new IllegalArgumentException("expected " + expected + "; " + problem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelegramSession t && dcId == t.dcId && port == t.port && testMode == t.testMode
                && bot == t.bot && host.equals(t.host) && userId.equals(t.userId) && apiId.equals(t.apiId)
                && MessageDigest.isEqual(authKey, t.authKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dcId, host, port, testMode, Long.hashCode(authKeyId()));
    }

    @Override
    public String toString() {
        return "TelegramSession[dc " + dcId + (testMode ? " (test)" : "") + ", " + host + ":" + port
                + ", auth key id " + Long.toUnsignedString(authKeyId(), 16) + "]";
    }
}
