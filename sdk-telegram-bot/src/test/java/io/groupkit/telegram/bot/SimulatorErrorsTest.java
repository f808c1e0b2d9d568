package io.groupkit.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AddResult;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.InviteLink;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.Member;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotMember;
import io.groupkit.core.Outcome;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Removed;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The simulator's errors, as the Bot API server words them, reach callers as typed outcomes. */
class SimulatorErrorsTest {
    private static final long BASIC = -4001234567L;
    private static final long UPGRADED = -1009876543210L;
    private static final Member PERSON = SimFixture.person(1);
    private static final long ID = SimFixture.id(1);

    record Row(String name, Consumer<SimFixture> setup, BiFunction<SimFixture, Member, Outcome> call,
               Class<? extends Outcome> type, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                new Row("429 with retry_after", f -> f.sim.rateLimit("createChatInviteLink", 3, 1),
                        (f, m) -> f.client.inviteLink(SimFixture.GROUP), RateLimited.class, "TOO_MANY_REQUESTS"),
                new Row("bot kicked: add", f -> f.sim.botRemoved(SimFixture.CHAT),
                        (f, m) -> f.client.add(SimFixture.GROUP, m), AccessDenied.class, "BOT_KICKED"),
                new Row("bot kicked: remove", f -> f.sim.botRemoved(SimFixture.CHAT),
                        (f, m) -> f.client.remove(SimFixture.GROUP, m), AccessDenied.class, "BOT_KICKED"),
                new Row("bot kicked: link", f -> f.sim.botRemoved(SimFixture.CHAT),
                        (f, m) -> f.client.inviteLink(SimFixture.GROUP), AccessDenied.class, "BOT_KICKED"),
                new Row("bot not admin: add (no link can be made)", f -> f.sim.botNotAdmin(SimFixture.CHAT),
                        (f, m) -> f.client.add(SimFixture.GROUP, m), AccessDenied.class, "NOT_ENOUGH_RIGHTS"),
                new Row("bot not admin: link", f -> f.sim.botNotAdmin(SimFixture.CHAT),
                        (f, m) -> f.client.inviteLink(SimFixture.GROUP), AccessDenied.class, "NOT_ENOUGH_RIGHTS"),
                new Row("upgraded group: personal link", SimulatorErrorsTest::upgrade,
                        (f, m) -> f.client.inviteLink(TelegramBotChat.of(BASIC), m), NotFound.class, "GROUP_MIGRATED"),
                new Row("upgraded group: add", SimulatorErrorsTest::upgrade,
                        (f, m) -> f.client.add(TelegramBotChat.of(BASIC), m), NotFound.class, "GROUP_MIGRATED"),
                new Row("upgraded group: remove", SimulatorErrorsTest::upgrade, (f, m) -> f.client.remove(TelegramBotChat.of(BASIC), SimFixture.person(2)), NotFound.class,
                        "GROUP_MIGRATED"),
                new Row("approve a request nobody made", f -> { },
                        (f, m) -> f.client.decideJoinRequest(SimFixture.GROUP, m, JoinDecision.APPROVE), NotFound.class,
                        "HIDE_REQUESTER_MISSING"),
                new Row("remove an admin", f -> {
                    f.sim.supergroup(-1001111111111L, ID).promote(-1001111111111L, ID);
                }, (f, m) -> f.client.remove(TelegramBotChat.of(-1001111111111L), m), Unsupported.class,
                        "USER_ADMIN_INVALID"),
                new Row("remove the owner", f -> { },
                        (f, m) -> f.client.remove(SimFixture.GROUP, Member.userId(SimFixture.OWNER)), Unsupported.class,
                        "USER_ADMIN_INVALID"),
                new Row("restricted, is_member true: add", f -> f.sim.restricted(SimFixture.CHAT, ID, true),
                        (f, m) -> f.client.add(SimFixture.GROUP, m), AlreadyMember.class, "ALREADY_MEMBER"),
                new Row("restricted, is_member false: add", f -> f.sim.restricted(SimFixture.CHAT, ID, false),
                        (f, m) -> f.client.add(SimFixture.GROUP, m), NotAdded.class, "BOT_CANNOT_ADD"),
                new Row("restricted, is_member true: remove", f -> f.sim.restricted(SimFixture.CHAT, ID, true),
                        (f, m) -> f.client.remove(SimFixture.GROUP, m), Removed.class, "REMOVED"),
                new Row("restricted, is_member false: remove", f -> f.sim.restricted(SimFixture.CHAT, ID, false),
                        (f, m) -> f.client.remove(SimFixture.GROUP, m), NotMember.class, "NOT_MEMBER"),
                new Row("a person the bot never saw: add gives their link", f -> { },
                        (f, m) -> f.client.add(SimFixture.GROUP, Member.userId(777_000_001L)), NotAdded.class,
                        "BOT_CANNOT_ADD"),
                new Row("unknown user: remove", f -> { },
                        (f, m) -> f.client.remove(SimFixture.GROUP, Member.userId(777_000_000L)), NotFound.class,
                        "USER_NOT_FOUND"))
                .map(Arguments::of);
    }

    private static void upgrade(SimFixture f) {
        f.sim.basicGroup(BASIC, SimFixture.OWNER, SimFixture.id(2)).migrate(BASIC, UPGRADED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void answersAreTyped(Row row) {
        try (SimFixture f = new SimFixture()) {
            row.setup().accept(f);
            Outcome o = row.call().apply(f, PERSON);
            assertInstanceOf(row.type(), o, () -> row.name() + ": " + o);
            assertEquals(row.code(), o.detail().code(), () -> row.name() + ": " + o);
            assertFalse(o.toString().contains(f.sim.token().substring(f.sim.token().indexOf(':') + 1)), "no token");
            if (o instanceof RateLimited limited) {
                assertEquals(Optional.of(Duration.ofSeconds(3)), limited.retryAfter());
            }
            if (o instanceof NotFound nf && row.code().equals("GROUP_MIGRATED")) {
                assertEquals(NotFound.Subject.GROUP, nf.subject());
                assertEquals(Optional.of(TelegramBotChat.of(UPGRADED)), f.client.upgradedTo(TelegramBotChat.of(BASIC)));
            }
        }
    }

    /** With retries on, a 429's retry_after is waited out on the client's clock, then the call is made again. */
    @Test
    void retryAfterIsHonoured() {
        try (SimFixture f = new SimFixture(p -> p.retry(RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).build()))) {
            f.sim.rateLimit("createChatInviteLink", 3, 1);
            Duration before = f.time.elapsed();
            // Virtual time: a wait completes at once and moves the clock by its length.
            assertInstanceOf(InviteLink.class, f.client.inviteLink(SimFixture.GROUP));
            Duration waited = f.time.elapsed().minus(before);
            assertTrue(waited.compareTo(Duration.ofSeconds(3)) >= 0, () -> "waited " + waited + ", not the 3 s asked for");
            assertEquals(2, f.sim.calls().stream().filter(c -> c.contains("createChatInviteLink")).count(),
                    () -> "calls: " + f.sim.calls());
        }
    }

    /**
     * A 429 holds back every caller of the bot's bucket, not only the call that met it: the rate
     * limiter (shared by a fleet when it is Bucket4j's) is told the bot's key and the wait.
     */
    @Test
    void retryAfterHoldsBackTheBotsWholeBucket() {
        java.util.List<String> throttled = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.groupkit.core.policy.TokenBucketRateLimiter buckets = new io.groupkit.core.policy.TokenBucketRateLimiter();
        io.groupkit.core.policy.RateLimiter told = new io.groupkit.core.policy.RateLimiter() {
            @Override
            public Duration reserve(String key, io.groupkit.core.policy.RateLimit limit, long nowNanos) {
                return buckets.reserve(key, limit, nowNanos);
            }

            @Override
            public void throttled(String key, io.groupkit.core.policy.RateLimit limit, long nowNanos, Duration retryAfter) {
                throttled.add(key + " " + retryAfter.toSeconds());
                buckets.throttled(key, limit, nowNanos, retryAfter);
            }
        };
        try (SimFixture f = new SimFixture(p -> p.rateLimiter(told)
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).build()))) {
            f.sim.rateLimit("createChatInviteLink", 3, 1);
            assertInstanceOf(InviteLink.class, f.client.inviteLink(SimFixture.GROUP));
            assertEquals(1, throttled.size(), throttled::toString);
            assertTrue(throttled.get(0).contains("telegram-bot") && throttled.get(0).endsWith(" 3"), throttled::toString);
        }
    }

    /** The person's link of an upgraded group, asked for again at the supergroup the client reports, works. */
    @Test
    void theUpgradedGroupIsFollowedWhenTheCallerChooses() {
        try (SimFixture f = new SimFixture()) {
            upgrade(f);
            TelegramBotChat basic = TelegramBotChat.of(BASIC);
            assertInstanceOf(NotFound.class, f.client.inviteLink(basic, PERSON));
            TelegramBotChat to = f.client.upgradedTo(basic).orElseThrow();
            InviteLink link = assertInstanceOf(InviteLink.class, f.client.inviteLink(to, PERSON));
            assertEquals(Optional.empty(), f.sim.joinByLink(link.url(), ID));
            assertTrue(f.sim.members(UPGRADED).contains(ID));
            assertEquals(List.of(), f.sim.pendingRequests(UPGRADED));
        }
    }
}
