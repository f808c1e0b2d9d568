package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.MembersResult;
import io.groupkit.core.RateLimited;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 2, Fault.unavailable());
        AddResult r = h.client.add(Harness.GROUP, Harness.person(1));
        assertInstanceOf(Added.class, r);
        assertEquals(3, h.fake.calls(Operation.ADD).size());
        assertEquals(Duration.ofSeconds(1 + 2), h.time.elapsed(), "backoff 1 s, then 2 s");
        assertEquals(3, h.fake.calls(Operation.ADD).get(2).attempt());
    }

    @Test
    void aRetryThatFindsTheChangeMadeByABadGatewaysAttemptIsAdded() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.badGatewayAfterApplying());
        AddResult r = h.client.add(Harness.GROUP, Harness.person(1));
        Added a = assertInstanceOf(Added.class, r, "this call added the person; the retry only found it done");
        assertTrue(a.verifiedByMembershipCheck());
        assertEquals("ADDED_BY_EARLIER_ATTEMPT", a.detail().code());
        assertEquals(2, h.fake.calls(Operation.ADD).size());
    }

    @Test
    void aRetryAfterARefusedRequestStillReportsAnEarlierMember() {
        Harness h = new Harness();
        h.fake.group(Harness.GROUP, Harness.person(1));
        h.fake.failNext(Operation.ADD, 1, Fault.unavailable()); // 503: the request was refused
        assertInstanceOf(io.groupkit.core.AlreadyMember.class, h.client.add(Harness.GROUP, Harness.person(1)));
    }

    @Test
    void retriesStopAtTheirBound() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 10, Fault.unavailable());
        AddResult r = h.client.add(Harness.GROUP, Harness.person(1));
        assertInstanceOf(Unavailable.class, r);
        assertEquals(RetryPolicy.defaults().maxAttempts(), h.fake.calls(Operation.ADD).size());
        assertTrue(h.fake.membersOf(Harness.GROUP).isEmpty());
    }

    @Test
    void aServerRequestedWaitIsHonouredExactly() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.rateLimited(Duration.ofSeconds(31)));
        assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(Duration.ofSeconds(31), h.time.elapsed());
        assertEquals(Duration.ofSeconds(31).toNanos(), h.fake.calls(Operation.ADD).get(1).atNanos());
    }

    @Test
    void aWaitAboveTheBoundIsReportedNotWaited() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.rateLimited(Duration.ofSeconds(61)));
        RateLimited r = assertInstanceOf(RateLimited.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(Duration.ofSeconds(61), r.retryAfter().orElseThrow());
        assertEquals(1, h.fake.calls(Operation.ADD).size());
        assertEquals(Duration.ZERO, h.time.elapsed());
    }

    @Test
    void aServerWaitHoldsBackTheWholeBudget() {
        Harness h = new Harness(b -> b.rateLimit(Operation.ADD, RateLimit.perSecond("group-write", 10)), p -> p);
        h.fake.failNext(Harness.person(1), 1, Fault.rateLimited(Duration.ofSeconds(5)));
        h.client.add(Harness.GROUP, Harness.person(1));
        h.client.add(Harness.GROUP, Harness.person(2));
        var calls = h.fake.calls(Operation.ADD);
        assertEquals(3, calls.size());
        assertTrue(calls.get(2).atNanos() >= calls.get(1).atNanos() + Duration.ofMillis(100).toNanos());
        assertTrue(calls.get(1).atNanos() >= Duration.ofSeconds(5).toNanos());
    }

    @Test
    void rateLimitsWithoutAWaitBackOffLikeTransientFailures() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.rateLimited());
        assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(Duration.ofSeconds(1), h.time.elapsed());
    }

    @Test
    void finalAnswersAreNotRetried() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.spamLimited());
        h.fake.failNext(Operation.MEMBERS, 1, Fault.unrecognized());
        assertInstanceOf(SpamLimited.class, h.client.add(Harness.GROUP, Harness.person(1)));
        MembersResult m = h.client.members(Harness.GROUP);
        assertInstanceOf(Unrecognized.class, m);
        assertEquals(1, h.fake.calls(Operation.ADD).size());
        assertEquals(1, h.fake.calls(Operation.MEMBERS).size());
    }

    @Test
    void readsAreRetriedToo() {
        Harness h = new Harness();
        h.fake.failNext(Operation.INVITE_LINK, 1, Fault.unavailable());
        h.fake.failNext(Operation.MEMBERS, 1, Fault.providerException());
        assertTrue(h.client.inviteLink(Harness.GROUP).isSuccess());
        assertTrue(h.client.members(Harness.GROUP).isSuccess());
        assertEquals(2, h.fake.calls(Operation.MEMBERS).size());
    }
}
