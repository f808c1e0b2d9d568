package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.OutcomeKind;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Batches of 50 and the portal's leaky bucket, on virtual time against the simulator's bucket. */
@Order(4)
class BatchAndPacingTest {

    private static List<Member> users(long from, int n) {
        return LongStream.range(from, from + n).<Member>mapToObj(Member::userId).toList();
    }

    @Test
    void aHundredAndTwentyMixedAddsAreThreeRequestsWithAnOutcomeEach() {
        try (Fixture f = new Fixture()) {
            f.sim.chat(Fixture.CHAT, Fixture.BOT, 105, 110);
            BulkReport r = f.client.addAll(Fixture.IM, users(100, 120));
            assertEquals(3, f.sim.requests("batch").size());
            assertEquals(120, r.entries().size());
            assertEquals(118, r.count(OutcomeKind.ADDED));
            assertEquals(2, r.count(OutcomeKind.ALREADY_MEMBER), () -> r.counts().toString());
            assertEquals(OutcomeKind.ALREADY_MEMBER, r.entries().get(5).outcome().kind());
            assertEquals(121, f.sim.members(Fixture.CHAT).size());
        }
    }

    @Test
    void aPartlyFailingCrmBatchKeepsEveryOutcome() {
        try (Fixture f = new Fixture()) {
            f.sim.inactive(103).inactive(140);
            BulkReport r = f.client.addAll(Fixture.DEAL, users(100, 60));
            assertEquals(2, f.sim.requests("batch").size());
            assertEquals(58, r.count(OutcomeKind.ADDED));
            assertEquals(2, r.count(OutcomeKind.NOT_REGISTERED));
            assertEquals(OutcomeKind.NOT_REGISTERED, r.entries().get(40).outcome().kind());
        }
    }

    @Test
    void tenThousandBulkAddsTakeTwoHundredRequests() {
        try (Fixture f = new Fixture()) {
            BulkReport r = f.client.addAll(Fixture.IM, users(100, 10_000), BulkOptions.defaults().concurrency(1));
            assertEquals(10_000, r.count(OutcomeKind.ADDED), () -> r.counts().toString());
            assertEquals(200, f.sim.requests("batch").size(), "ceil(10000 / 50) requests, no retries");
        }
    }

    @Test
    void singleCallsNeverOverfillThePortalsBucket() {
        try (Fixture f = new Fixture()) {
            int n = 3_000;
            for (Member m : users(100, n)) {
                assertEquals(OutcomeKind.ADDED, f.client.add(Fixture.IM, m).kind());
            }
            assertEquals(0, f.sim.bucketRejections(), "the portal refused nothing with QUERY_LIMIT_EXCEEDED");
            assertEquals(n, f.sim.requests("im.chat.user.add").size(), "no add was sent twice");
            assertEquals(n + 1, f.sim.members(Fixture.CHAT).size());
            // Every request counts (each add of a user not yet seen is read back): paced at the
            // default headroom of 0.8, that is 40 at once, then 1.6 per second.
            List<Bitrix24Simulator.Request> all = f.sim.requests();
            long interval = Duration.ofMillis(625).toNanos();
            for (int i = 0; i < all.size(); i += 487) {
                for (int j = i + 1; j < all.size(); j += 89) {
                    long gap = all.get(j).atNanos() - all.get(i).atNanos();
                    assertTrue(gap >= (j - i) * interval - 39 * interval, "requests " + i + " and " + j + " too close");
                }
            }
            double seconds = f.time.elapsed().toNanos() / 1e9;
            double rate = (all.size() - 40) / seconds;
            assertTrue(rate >= 1.55, "used " + rate + " of 1.6 requests per second");
        }
    }

    @Test
    void aHeadroomOfOneUsesTheWholeBucketAndStillEarnsNoRefusal() {
        try (Fixture f = new Fixture(b -> b.pacingHeadroom(1.0))) {
            BulkReport r = f.client.addAll(Fixture.IM, users(100, 500), BulkOptions.defaults().batches(BulkOptions.Batches.NONE));
            assertEquals(500, r.count(OutcomeKind.ADDED), () -> r.counts().toString());
            assertEquals(0, f.sim.bucketRejections());
            double seconds = f.time.elapsed().toNanos() / 1e9;
            assertTrue((f.sim.requests().size() - 50) / seconds >= 1.95, "paced at the portal's own 2 per second");
        }
    }

    @Test
    void aDismissedUserInABatchIsNotRegisteredAndTheBatchIsReadBackOnce() {
        try (Fixture f = new Fixture()) {
            f.sim.inactive(105).inactive(130);
            BulkReport r = f.client.addAll(Fixture.IM, users(100, 50));
            assertEquals(48, r.count(OutcomeKind.ADDED), () -> r.counts().toString());
            assertEquals(2, r.count(OutcomeKind.NOT_REGISTERED));
            assertEquals(OutcomeKind.NOT_REGISTERED, r.entries().get(5).outcome().kind());
            assertEquals(1, f.sim.requests("batch").size());
            assertEquals(1, f.sim.requests("im.chat.user.list").size(), "one read-back for the batch");
            assertFalse(f.sim.members(Fixture.CHAT).contains(105L));
        }
    }

    @Test
    void aDismissedUserAddedAloneIsNotRegistered() {
        try (Fixture f = new Fixture()) {
            f.sim.inactive(105);
            AddResult r = f.client.add(Fixture.IM, Fixture.user(105));
            assertEquals(OutcomeKind.NOT_REGISTERED, r.kind(), r::toString);
            assertTrue(r.remedy().contains("inactive"), r.remedy());
            // A user once seen in a chat is known to be active: no read-back for the next add.
            f.client.add(Fixture.IM, Fixture.user(106));
            int listings = f.sim.requests("im.chat.user.list").size();
            f.sim.chat(502, Fixture.BOT);
            assertEquals(OutcomeKind.ADDED, f.client.add(ImChat.of(502), Fixture.user(106)).kind());
            assertEquals(listings, f.sim.requests("im.chat.user.list").size(), "no read-back for a user known active");
        }
    }

    @Test
    void aBotIsConfirmedByTheChatListingAlone() {
        try (Fixture f = new Fixture()) {
            f.sim.bots(9001);
            assertEquals(OutcomeKind.ADDED, f.client.add(Fixture.IM, Fixture.user(9001)).kind());
        }
    }

    @Test
    void everyIdAsAStringChangesNothing() {
        try (Fixture f = new Fixture()) {
            f.sim.idsAsStrings().chat(503, Fixture.BOT, 100);
            assertEquals(OutcomeKind.ADDED, f.client.add(ImChat.of(503), Fixture.user(101)).kind());
            assertEquals(OutcomeKind.ADDED, f.client.add(Fixture.DEAL, Fixture.user(102)).kind());
            Members m = assertInstanceOf(Members.class, f.client.members(Fixture.DEAL));
            assertTrue(m.members().stream().anyMatch(g -> g.member().value().equals("102")));
            CrmChatsResult.Found found = assertInstanceOf(CrmChatsResult.Found.class, f.client.crmChats(Fixture.DEAL, CrmChatFilter.ACTIVE));
            assertEquals(List.of(ImChat.of(Fixture.DEAL_CHAT)), found.chats().stream().map(CrmChatInfo::chat).toList());
        }
    }
}
