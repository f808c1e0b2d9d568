package io.groupkit.bitrix24;

import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A portal simulator and a webhook client over it, sharing virtual time. */
final class Fixture implements AutoCloseable {
    static final long BOT = 1;
    static final String CODE = "wh00kSecretCode7q";
    static final long CHAT = 501;
    static final ImChat IM = ImChat.of(CHAT);
    static final CrmChat DEAL = CrmChat.of(CrmEntityType.DEAL, 42);
    static final long DEAL_CHAT = 777;

    final VirtualTime time = VirtualTime.create();
    final Bitrix24Simulator sim = Bitrix24Simulator.start(time);
    final Bitrix24Client client;

    Fixture() {
        this(b -> b);
    }

    Fixture(UnaryOperator<Bitrix24.Builder> setup) {
        sim.users(BOT).chat(CHAT, BOT).crmChat("deal", 42, DEAL_CHAT, BOT).crmAccess(BOT);
        for (long u = 100; u < 20_200; u++) {
            sim.users(u);
        }
        client = setup.apply(Bitrix24.webhook(sim.webhook(BOT, CODE)).policies(policies(time).build())).build();
    }

    /**
     * A webhook client of a WireMock portal at {@code baseUrl}, on virtual time, giving up on a
     * request after {@link #WIRE_REQUEST_TIMEOUT} of real time: long enough that a loaded machine's
     * slow answer is not taken for a lost one (500 ms made an add look lost and be settled twice).
     */
    static Bitrix24Client wireClient(String baseUrl, VirtualTime time) {
        return wireClient(baseUrl, time, WIRE_REQUEST_TIMEOUT);
    }

    /** A wire client that gives up sooner, for a test whose answers are meant to be lost. */
    static Bitrix24Client wireClient(String baseUrl, VirtualTime time, Duration requestTimeout) {
        return Bitrix24.webhook(baseUrl + "/rest/1/" + CODE + "/").requestTimeout(requestTimeout)
                .policies(policies(time).build()).build();
    }

    /** The path a webhook call of {@code method} takes on a WireMock portal. */
    static String wirePath(String method) {
        return "/rest/1/" + CODE + "/" + method;
    }

    /** The wire client's request timeout; a test that wants a lost answer delays it longer. */
    static final Duration WIRE_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    /** Each fixture gets its own limiter: the JVM-wide portal bucket would tie tests together. */
    static Policies.Builder policies(VirtualTime time) {
        return TestPolicies.onVirtualTime(time).rateLimiter(new TokenBucketRateLimiter());
    }

    static Member user(long n) {
        return Member.userId(n);
    }

    @Override
    public void close() {
        sim.close();
    }
}
