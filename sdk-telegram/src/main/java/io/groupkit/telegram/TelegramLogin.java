package io.groupkit.telegram;

import io.groupkit.core.internal.Arguments;
import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.AuthKeyException;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.Srp;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.internal.LoginTl;
import io.groupkit.telegram.internal.MtprotoConnection;
import io.groupkit.telegram.internal.RpcAnswer;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs a user account in, in pure Java: {@code auth.sendCode} with your api_id and api_hash,
 * {@code auth.signIn} with the code the user reads in the app, and — when the account has two-step
 * verification — the password checked by SRP (core.telegram.org/api/srp; the password never leaves
 * this JVM). An account at home in another data centre ({@code PHONE_MIGRATE_X}) is followed: its
 * address comes from the server's {@code help.getConfig} (Telegram's production table otherwise), a
 * key is made there and the login goes on there. The session that comes back is yours to keep in your
 * secret store and give to {@link Telegram#builder()}.
 *
 * <pre>{@code
 * TelegramSession session = TelegramLogin.builder(apiId, apiHash).build()
 *         .login("+15551234567", new TelegramLogin.Prompts() {
 *             public String code(TelegramLogin.CodeRequest r) { return askUser("code sent via " + r.via()); }
 *             public char[] password(String hint) { return askUserHidden("password (" + hint + ")"); }
 *         });
 * }</pre>
 *
 * <p>It blocks on the caller's thread. Codes, passwords, keys and sessions never reach a log or a
 * message.
 */
public final class TelegramLogin {
    private static final Pattern MIGRATE = Pattern.compile("(PHONE|NETWORK|USER)_MIGRATE_(\\d+)");
    private static final Pattern FLOOD = Pattern.compile("FLOOD_(?:PREMIUM_)?WAIT_(\\d+)");
    private static final int TRIES = 3;

    /** What the user is asked for the code. */
    public interface Prompts {
        /**
         * The code Telegram sent.
         *
         * @param request how it was sent and how long it is
         * @return the code as the user typed it
         */
        String code(CodeRequest request);

        /**
         * The account's two-step verification password (asked again after a wrong one).
         *
         * @param hint the hint the user set, or ""
         * @return the password; GroupKit clears the array after use
         */
        char[] password(String hint);
    }

    /**
     * How the login code came.
     *
     * @param via "app", "sms", "call", ...
     * @param length the code's length, or 0 if not told
     * @param attempt 1 for the first ask, 2 after a wrong code
     */
    public record CodeRequest(String via, int length, int attempt) {
    }

    private final int apiId;
    private final String apiHash;
    private final Map<Integer, InetSocketAddress> dataCentres;
    private final Duration requestTimeout;
    private final TelegramTransport transport;
    private final Framing framing;
    private final TimeSource time;
    private final java.util.List<io.groupkit.mtproto.RsaPublicKey> trusted;

    private TelegramLogin(Builder b) {
        this.apiId = b.apiId;
        this.apiHash = b.apiHash;
        this.dataCentres = Map.copyOf(b.dataCentres);
        this.requestTimeout = b.requestTimeout;
        this.transport = b.transport();
        this.framing = transport.framing();
        this.time = b.time;
        this.trusted = b.trustedKeys();
    }

    /**
     * A login for your application.
     *
     * @param apiId the api_id from my.telegram.org
     * @param apiHash the api_hash from my.telegram.org (a secret: never shown)
     * @return a builder
     */
    public static Builder builder(int apiId, String apiHash) {
        return new Builder(apiId, apiHash);
    }

    /**
     * Logs in with a new key made on the first data centre of the table (data centre 2 by default).
     *
     * @param phone the account's phone number, international
     * @param prompts where the code and the password come from
     * @return the logged-in session
     * @throws TelegramSetupException if the login did not succeed (the message says why)
     */
    public TelegramSession login(String phone, Prompts prompts) throws TelegramSetupException {
        String number = number(phone); // checked before anything is sent
        Objects.requireNonNull(prompts, "prompts must not be null");
        int dc = dataCentres.containsKey(2) ? 2 : dataCentres.keySet().iterator().next();
        return login(newKey(dc, Map.of()), number, prompts);
    }

    private static String number(String phone) {
        String number = Objects.requireNonNull(phone, "phone must not be null").replaceAll("[\\s().-]", "");
        if (!number.matches("\\+?[0-9]{7,15}")) {
            throw new IllegalArgumentException("expected an international phone number such as +15551234567");
        }
        return number;
    }

    /**
     * Logs in with a new key and saves the session in {@code store}.
     *
     * @param store where the session goes
     * @param phone the account's phone number, international
     * @param prompts where the code and the password come from
     * @return the logged-in session, saved
     * @throws TelegramSetupException if the login did not succeed (nothing is saved then)
     */
    public TelegramSession login(SessionStore store, String phone, Prompts prompts) throws TelegramSetupException {
        Objects.requireNonNull(store, "store must not be null");
        TelegramSession session = login(phone, prompts);
        store.save(session);
        return session;
    }

    /**
     * Logs in on a session's key (one made with {@link TelegramKeys}, not yet logged in).
     *
     * @param keyed the session
     * @param phone the account's phone number, international
     * @param prompts where the code and the password come from
     * @return the logged-in session (the key of the data centre the account lives in)
     * @throws TelegramSetupException if the login did not succeed (the message says why)
     */
    public TelegramSession login(TelegramSession keyed, String phone, Prompts prompts) throws TelegramSetupException {
        Objects.requireNonNull(keyed, "keyed must not be null");
        Objects.requireNonNull(prompts, "prompts must not be null");
        String number = number(phone);
        TelegramSession session = keyed;
        for (int hop = 0; hop < 3; hop++) {
            MtprotoConnection c = connection(session);
            try {
                RpcAnswer sent = c.call(LoginTl.sendCode(number, apiId, apiHash));
                Optional<Integer> migrate = migrateTo(sent);
                if (migrate.isPresent()) {
                    session = newKey(migrate.get(), configuredDataCentres(c));
                    continue;
                }
                LoginTl.SentCode code;
                try {
                    code = LoginTl.sentCode(result(sent, "asking for a login code"));
                } catch (TlException e) {
                    throw new TelegramSetupException("the login code could not be asked for: " + e.getMessage());
                }
                return signIn(c, session, number, code, prompts);
            } finally {
                c.close();
            }
        }
        throw new TelegramSetupException("Telegram kept sending the login to another data centre");
    }

    private TelegramSession signIn(MtprotoConnection c, TelegramSession session, String number, LoginTl.SentCode code,
                                   Prompts prompts) throws TelegramSetupException {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            String typed = prompts.code(new CodeRequest(code.via(), code.length(), attempt));
            RpcAnswer a = c.call(LoginTl.signIn(number, code.hash(), typed == null ? "" : typed.strip()));
            if (a instanceof RpcAnswer.Error e && e.message().equals("PHONE_CODE_INVALID") && attempt < TRIES) {
                continue;
            }
            if (a instanceof RpcAnswer.Error e && e.message().equals("SESSION_PASSWORD_NEEDED")) {
                return twoStep(c, session, prompts);
            }
            return authorized(result(a, "signing in with the code"), session);
        }
        throw new TelegramSetupException("the login code was wrong " + TRIES + " times");
    }

    private TelegramSession twoStep(MtprotoConnection c, TelegramSession session, Prompts prompts)
            throws TelegramSetupException {
        SecureRandom random = new SecureRandom();
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            Optional<LoginTl.Password> password;
            try {
                password = LoginTl.password(result(c.call(LoginTl.getPassword()), "reading the password settings"));
            } catch (TlException e) {
                throw new TelegramSetupException("the password settings could not be read: " + e.getMessage());
            }
            if (password.isEmpty()) {
                throw new TelegramSetupException("Telegram asked for a password but the account has none");
            }
            char[] typed = prompts.password(password.get().hint());
            Srp.Check check;
            try {
                check = Srp.check(typed == null ? new char[0] : typed, password.get().parameters(), random::nextBytes);
            } catch (AuthKeyException e) {
                throw new TelegramSetupException("the server's password parameters failed a check: " + e.getMessage());
            } finally {
                if (typed != null) {
                    Arrays.fill(typed, '\0');
                }
            }
            RpcAnswer a = c.call(LoginTl.checkPassword(check));
            if (a instanceof RpcAnswer.Error e && e.message().equals("PASSWORD_HASH_INVALID") && attempt < TRIES) {
                continue;
            }
            return authorized(result(a, "checking the password"), session);
        }
        throw new TelegramSetupException("the password was wrong " + TRIES + " times");
    }

    private TelegramSession authorized(byte[] body, TelegramSession session) throws TelegramSetupException {
        OptionalLong user;
        try {
            user = LoginTl.authorizedUser(body);
        } catch (TlException e) {
            throw new TelegramSetupException("the login answer could not be read: " + e.getMessage());
        }
        if (user.isEmpty()) {
            throw new TelegramSetupException("this number has no Telegram account: sign up in an official app first");
        }
        return session.loggedIn(user.getAsLong(), apiId);
    }

    private static Optional<Integer> migrateTo(RpcAnswer a) {
        if (a instanceof RpcAnswer.Error e && e.code() == 303) {
            Matcher m = MIGRATE.matcher(e.message());
            if (m.matches()) {
                return Optional.of(Integer.parseInt(m.group(2)));
            }
        }
        return Optional.empty();
    }

    private static byte[] result(RpcAnswer a, String what) throws TelegramSetupException {
        if (a instanceof RpcAnswer.Result r) {
            return r.body();
        }
        if (a instanceof RpcAnswer.Error e) {
            Matcher flood = FLOOD.matcher(e.message());
            if (flood.matches()) {
                throw new TelegramSetupException("Telegram asks to wait " + flood.group(1) + " s before " + what
                        + " again (" + e.message() + ")");
            }
            String advice = switch (e.message()) {
                case "PHONE_NUMBER_INVALID" -> ": the phone number is not one Telegram knows";
                case "PHONE_NUMBER_BANNED" -> ": the number is banned from Telegram";
                case "PHONE_CODE_EXPIRED" -> ": the code expired; log in again for a new one";
                case "PHONE_CODE_INVALID" -> ": the code was wrong";
                case "PASSWORD_HASH_INVALID" -> ": the password was wrong";
                case "API_ID_INVALID", "API_ID_PUBLISHED_FLOOD" -> ": check api_id and api_hash at my.telegram.org";
                default -> "";
            };
            throw new TelegramSetupException(what + " failed: " + e.code() + " " + e.message() + advice);
        }
        RpcAnswer.Failure f = (RpcAnswer.Failure) a;
        throw new TelegramSetupException(what + " failed: " + f.reason());
    }

    /** The data centres the server's {@code help.getConfig} names; empty if it cannot tell. */
    private static Map<Integer, InetSocketAddress> configuredDataCentres(MtprotoConnection c) {
        RpcAnswer config = c.call(LoginTl.getConfig());
        if (config instanceof RpcAnswer.Result r) {
            try {
                return LoginTl.dataCentres(r.body());
            } catch (TlException e) {
                return Map.of();
            }
        }
        return Map.of();
    }

    /** A key with data centre {@code dc}: at the address the server named, else the one this login knows. */
    private TelegramSession newKey(int dc, Map<Integer, InetSocketAddress> named) throws TelegramSetupException {
        InetSocketAddress address = named.getOrDefault(dc, dataCentres.get(dc));
        if (address == null) {
            throw new TelegramSetupException("data centre " + dc + " has no known address (help.getConfig did not name it):"
                    + " give it with dataCentre(" + dc + ", host, port)");
        }
        return TelegramKeys.create(address.getHostString(), address.getPort(), dc).time(time).transport(transport)
                .trust(trusted).make();
    }

    private MtprotoConnection connection(TelegramSession session) {
        MtprotoConnection.Settings settings = new MtprotoConnection.Settings(session.host(), session.port(), framing,
                Duration.ofSeconds(10), requestTimeout, Duration.ofMinutes(1), 1024 * 1024, Telegram.LAYER, apiId, "GroupKit",
                "Java " + Runtime.version().feature(), "GroupKit 0.1", "en");
        return new MtprotoConnection(settings, session.authKey(), 0, time, new SecureRandom());
    }

    @Override
    public String toString() {
        return "TelegramLogin[api_id " + apiId + ", " + dataCentres.size() + " data centres]";
    }

    /** Builds a {@link TelegramLogin}. */
    public static final class Builder extends MtprotoBuilder<Builder> {
        private final int apiId;
        private final String apiHash;
        private final Map<Integer, InetSocketAddress> dataCentres = new HashMap<>();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private TimeSource time = TimeSource.system();
        private boolean ownTable;

        private Builder(int apiId, String apiHash) {
            if (apiId <= 0) {
                throw new IllegalArgumentException("expected the api_id from my.telegram.org, got " + apiId);
            }
            Objects.requireNonNull(apiHash, "apiHash must not be null");
            if (!apiHash.matches("[0-9a-fA-F]{32}")) {
                throw new IllegalArgumentException("expected the api_hash from my.telegram.org: 32 hexadecimal digits");
            }
            this.apiId = apiId;
            this.apiHash = apiHash;
            TelegramSession.PRODUCTION.forEach((dc, host) -> dataCentres.put(dc, InetSocketAddress.createUnresolved(host, 443)));
        }

        /**
         * A data centre's address, replacing Telegram's production table (call once per data centre).
         *
         * @param dc its number
         * @param host its address
         * @param port its port
         * @return this builder
         */
        public Builder dataCentre(int dc, String host, int port) {
            if (!ownTable) {
                dataCentres.clear();
                ownTable = true;
            }
            dataCentres.put(dc, InetSocketAddress.createUnresolved(Objects.requireNonNull(host, "host must not be null"), port));
            return this;
        }

        /**
         * How long to wait for one request's answer. Default 30 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Arguments.positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * The old name of {@link #requestTimeout(Duration)}: one answer's wait, not the whole call
         * (that is {@code Policies.callTimeout}).
         *
         * @param timeout positive
         * @return this builder
         * @deprecated use {@link #requestTimeout(Duration)}; removed in 0.2
         */
        @Deprecated(since = "0.1", forRemoval = true)
        public Builder callTimeout(Duration timeout) {
            return requestTimeout(timeout);
        }

        /**
         * The clock of message ids (default the system's).
         *
         * @param source the clock
         * @return this builder
         */
        public Builder time(TimeSource source) {
            this.time = Objects.requireNonNull(source, "time must not be null");
            return this;
        }

        /**
         * Builds the login.
         *
         * @return the login, immutable
         */
        public TelegramLogin build() {
            if (dataCentres.isEmpty()) {
                throw new IllegalStateException("no data centre: give at least one with dataCentre(dc, host, port)");
            }
            return new TelegramLogin(this);
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public String toString() {
            return "TelegramLogin.Builder[api_id " + apiId + "]";
        }
    }
}
