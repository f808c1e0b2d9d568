package io.groupkit.telegram;

import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A fake data centre and a client on its session, sharing virtual time. */
final class Fixture implements AutoCloseable {
    static final int API_ID = 271_828;
    static final long CHAT = 5001;
    static final long CHANNEL = 7001;

    final VirtualTime time = VirtualTime.create();
    final TelegramSimulator sim = TelegramSimulator.start(time);
    final TelegramGroup basic = TelegramGroup.basic(CHAT);
    final TelegramGroup supergroup;
    final TelegramClient client;

    Fixture() {
        this(b -> b);
    }

    Fixture(UnaryOperator<Telegram.Builder> setup) {
        this(setup, p -> p);
    }

    Fixture(UnaryOperator<Telegram.Builder> setup, UnaryOperator<Policies.Builder> policies) {
        sim.basicGroup(CHAT).supergroup(CHANNEL);
        for (long u = 100; u < 400; u++) {
            sim.user(u, "person_" + u, String.format("1201555%04d", u));
        }
        supergroup = TelegramGroup.supergroup(CHANNEL, sim.channelAccessHash(CHANNEL));
        client = setup.apply(Telegram.builder().session(TelegramSession.fromTelethon(sim.sessionString())).apiId(API_ID)
                .requestTimeout(Duration.ofSeconds(5)).policies(policies.apply(policies(time)).build())).build();
    }

    static Policies.Builder policies(VirtualTime time) {
        return TestPolicies.onVirtualTime(time).rateLimiter(new TokenBucketRateLimiter());
    }

    static Member person(long n) {
        return Member.username("person_" + n);
    }

    /** A person by id and access hash: no resolve before the add, so a queued fault hits the add. */
    Member known(long n) {
        return TelegramClient.user(n, sim.accessHash(n));
    }

    static Member phone(long n) {
        return Member.phone(String.format("+1201555%04d", n));
    }

    @Override
    public void close() {
        client.close();
        sim.close();
    }
}
