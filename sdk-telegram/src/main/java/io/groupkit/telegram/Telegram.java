package io.groupkit.telegram;

import io.groupkit.core.Policies;
import io.groupkit.core.internal.Arguments;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.RsaPublicKey;
import io.groupkit.telegram.internal.HomeConnection;
import io.groupkit.telegram.internal.MtprotoConnection;
import io.groupkit.telegram.internal.TelegramProvider;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link TelegramClient}s: a user account's session (imported from Telethon or Pyrogram),
 * the application's {@code api_id}, and the defaults below.
 *
 * <pre>{@code
 * TelegramClient telegram = Telegram.builder()
 *         .session(TelegramSession.fromTelethon(System.getenv("TELEGRAM_SESSION")))
 *         .apiId(Integer.parseInt(System.getenv("TELEGRAM_API_ID")))
 *         .build();
 * AddResult r = telegram.add(TelegramGroup.supergroup(channelId, accessHash), Member.username("alice"));
 * }</pre>
 *
 * <p>Defaults: intermediate transport; 10 s to connect, 30 s for an answer; a ping before a call
 * on a connection idle for 60 s; layer 228; adds paced to one per 30 s (a burst of 3) and at most
 * 50 a day, resolves to one per 3 s (a burst of 5) and at most 200 a day, because Telegram answers
 * faster adding of strangers with {@code PEER_FLOOD}, which lasts for days; new members of basic
 * groups see no earlier messages; a group's exported links never expire and have no usage limit,
 * links made for one person ({@code inviteLink(group, member)}) let one person in within 7 days; calls run
 * on one I/O thread of the client's own, ended by {@link TelegramClient#close()} (or on the
 * {@link Builder#executor(Executor)} you give).
 */
public final class Telegram {
    /** The API layer this version speaks. */
    public static final int LAYER = 228;

    private Telegram() {
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a client's settings. Not thread-safe; the client it builds is. */
    public static final class Builder extends MtprotoBuilder<Builder> {
        private @Nullable TelegramSession session;
        private @Nullable Integer apiId;
        private @Nullable SessionStore store;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration keepAlive = Duration.ofSeconds(60);
        private String deviceModel = "GroupKit";
        private String appVersion = "GroupKit 0.1";
        private String langCode = "en";
        private int forwardLimit;
        private @Nullable Duration linkExpiry; // null: exported links never expire
        private int linkUsageLimit;
        private Duration personalLinkExpiry = Duration.ofDays(7);
        private int personalLinkUsageLimit = 1;
        private List<RateLimit> addLimits = List.of(
                RateLimit.of("telegram.add", 1, Duration.ofSeconds(30)).withBurst(3),
                RateLimit.of("telegram.add.daily", 50, Duration.ofDays(1)).withBurst(50));
        private List<RateLimit> resolveLimits = List.of(
                RateLimit.of("telegram.resolve", 1, Duration.ofSeconds(3)).withBurst(5),
                RateLimit.of("telegram.resolve.daily", 200, Duration.ofDays(1)).withBurst(200));
        private @Nullable Executor executor; // null: the client's own I/O thread
        private Policies policies = Policies.defaults();

        private Builder() {
        }

        /**
         * The account's session, read now from a store (where a login saved it).
         *
         * @param store the store
         * @return this builder
         * @throws IllegalStateException if the store holds no session (log in first: {@link TelegramLogin})
         */
        public Builder sessionStore(SessionStore store) {
            Objects.requireNonNull(store, "store must not be null");
            this.session = store.load().orElseThrow(() -> new IllegalStateException("the session store " + store
                    + " holds no session: log in first (groupkit telegram login, or TelegramLogin) and save it there"));
            this.store = store;
            return this;
        }

        /**
         * The account's session. Required (or {@link #sessionStore}).
         *
         * @param importedSession from {@link TelegramLogin}, {@link TelegramSession#load},
         *     {@link TelegramSession#fromTelethon(String)}, {@link TelegramSession#fromPyrogram(String)}
         *     or {@link TelegramSession#of}
         * @return this builder
         */
        public Builder session(TelegramSession importedSession) {
            this.session = Objects.requireNonNull(importedSession, "session must not be null");
            this.store = null;
            return this;
        }

        /**
         * The application's api_id from my.telegram.org, the one the session was created with.
         * Required unless the session carries it (Pyrogram sessions do).
         *
         * @param id the api_id
         * @return this builder
         */
        public Builder apiId(int id) {
            if (id <= 0) {
                throw new IllegalArgumentException("expected a positive api_id from my.telegram.org, got " + id);
            }
            this.apiId = id;
            return this;
        }

        /**
         * How long to wait for a TCP connection, and for a pong on an idle one.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Arguments.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for one request's answer before giving up on it (a change whose answer
         * does not come is reported as {@code Indeterminate}). Default 30 s.
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
         * After how long idle a connection is checked with a ping before it carries a call.
         *
         * @param idle positive
         * @return this builder
         */
        public Builder keepAlive(Duration idle) {
            this.keepAlive = Arguments.positive(idle, "keepAlive");
            return this;
        }

        /**
         * What the connection tells Telegram about the app (shown in the account's active sessions).
         *
         * @param device device_model
         * @param version app_version
         * @param language system_lang_code and lang_code, such as {@code en}
         * @return this builder
         */
        public Builder appDescription(String device, String version, String language) {
            this.deviceModel = text(device, "device");
            this.appVersion = text(version, "version");
            this.langCode = text(language, "language");
            return this;
        }

        /**
         * How many recent messages a person added to a basic group gets to see (supergroups
         * decide by their own history setting).
         *
         * @param messages 0 to 100
         * @return this builder
         */
        public Builder basicGroupHistory(int messages) {
            if (messages < 0 || messages > 100) {
                throw new IllegalArgumentException("expected 0 to 100 messages of history, got " + messages);
            }
            this.forwardLimit = messages;
            return this;
        }

        /**
         * Exported invite links expire after this long.
         *
         * @param expiry positive
         * @return this builder
         */
        public Builder inviteLinkExpiry(Duration expiry) {
            this.linkExpiry = Arguments.positive(expiry, "inviteLinkExpiry");
            return this;
        }

        /**
         * At most this many people may join with one exported link.
         *
         * @param people 1 to 99999
         * @return this builder
         */
        public Builder inviteLinkUsageLimit(int people) {
            if (people < 1 || people > 99_999) {
                throw new IllegalArgumentException("expected a usage limit of 1 to 99999, got " + people);
            }
            this.linkUsageLimit = people;
            return this;
        }

        /**
         * Links made for one person ({@code inviteLink(group, member)}, and the invite-link fallback
         * for a person who could not be added) expire after this long. Default 7 days.
         *
         * @param expiry positive; at most a year (Telegram refuses expiry dates far ahead)
         * @return this builder
         */
        public Builder personalLinkExpiry(Duration expiry) {
            Arguments.positive(expiry, "personalLinkExpiry");
            if (expiry.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("expected a personalLinkExpiry of at most 366 days, got " + expiry);
            }
            this.personalLinkExpiry = expiry;
            return this;
        }

        /**
         * How many people may join with a link made for one person. Default 1: the person alone;
         * a forwarded link lets nobody else in after them.
         *
         * @param people 1 to 99999
         * @return this builder
         */
        public Builder personalLinkUsageLimit(int people) {
            if (people < 1 || people > 99_999) {
                throw new IllegalArgumentException("expected a personal link usage limit of 1 to 99999, got " + people);
            }
            this.personalLinkUsageLimit = people;
            return this;
        }

        /**
         * The pacing of adds, replacing the defaults.
         *
         * @param limits one or more limits, all of which every add waits for
         * @return this builder
         */
        public Builder addPacing(RateLimit... limits) {
            this.addLimits = limits(limits);
            return this;
        }

        /**
         * The pacing of username and phone resolves, replacing the defaults.
         *
         * @param limits one or more limits
         * @return this builder
         */
        public Builder resolvePacing(RateLimit... limits) {
            this.resolveLimits = limits(limits);
            return this;
        }

        /**
         * Where the blocking MTProto calls run. Default: one I/O thread that the client owns and
         * {@link TelegramClient#close()} ends — never the caller's timer or a shared pool, so a
         * call stuck on a silent server delays nothing else. An executor given here is yours: the
         * client does not shut it down, and it must not be a timer's thread.
         *
         * @param e the executor
         * @return this builder
         */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e, "executor must not be null");
            return this;
        }

        /**
         * Retries, pacing, time and the rest shared by every provider. {@code FLOOD_WAIT_X} is
         * waited out automatically up to the retry policy's {@code maxServerWait} (60 s by
         * default) and reported as {@code RateLimited} above it.
         *
         * @param p the policies
         * @return this builder
         */
        public Builder policies(Policies p) {
            this.policies = Objects.requireNonNull(p, "policies must not be null");
            return this;
        }

        /**
         * Builds the client. It connects on its first call.
         *
         * @return the client
         * @throws IllegalStateException if the session or the api_id is missing
         */
        public TelegramClient build() {
            if (session == null) {
                throw new IllegalStateException("session is required: TelegramSession.fromTelethon(...) or fromPyrogram(...)");
            }
            int id = apiId != null ? apiId : session.apiId().orElseThrow(() -> new IllegalStateException(
                    "apiId is required: the api_id from my.telegram.org that the session was created with"));
            Framing framing = transport().framing();
            Function<TelegramSession, MtprotoConnection> connections = home -> new MtprotoConnection(
                    new MtprotoConnection.Settings(home.host(), home.port(), framing, connectTimeout, requestTimeout, keepAlive,
                            16 * 1024 * 1024, LAYER, id, deviceModel, "Java " + Runtime.version().feature(), appVersion,
                            langCode), home.authKey(), 0, policies.time(), new SecureRandom());
            DataCentreMove move = new DataCentreMove(session, store, connections,
                    trustedKeys(), framing, requestTimeout,
                    policies.time(), id);
            HomeConnection connection = new HomeConnection(connections.apply(session), move);
            Executor runner = executor;
            ExecutorService own = null; // the client's own I/O thread when no executor was given
            if (runner == null) {
                own = TelegramProvider.ioThread();
                runner = own;
            }
            TelegramProvider provider = new TelegramProvider(connection, runner, own,
                    policies.time(),
                    new TelegramProvider.Settings(forwardLimit, linkExpiry, linkUsageLimit, addLimits, resolveLimits,
                            personalLinkExpiry, personalLinkUsageLimit),
                    "telegram:" + Long.toHexString(session.authKeyId()));
            return new TelegramClient(provider, policies);
        }


        private static String text(String s, String what) {
            Objects.requireNonNull(s, what + " must not be null");
            if (s.isBlank() || s.length() > 64) {
                throw new IllegalArgumentException("expected a " + what + " of 1 to 64 characters");
            }
            return s;
        }

        private static List<RateLimit> limits(RateLimit... limits) {
            Objects.requireNonNull(limits, "limits must not be null");
            if (limits.length == 0) {
                throw new IllegalArgumentException("expected at least one rate limit");
            }
            return List.of(limits);
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public String toString() {
            return "Telegram.Builder[" + session + "]";
        }
    }
}
