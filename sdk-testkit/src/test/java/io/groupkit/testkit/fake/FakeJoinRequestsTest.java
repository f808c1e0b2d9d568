package io.groupkit.testkit.fake;

import static io.groupkit.testkit.fake.FakeFixture.ANNA;
import static io.groupkit.testkit.fake.FakeFixture.BORIS;
import static io.groupkit.testkit.fake.FakeFixture.CLARA;
import static io.groupkit.testkit.fake.FakeFixture.TEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.Done;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.JoinRequest;
import io.groupkit.core.JoinRequests;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.NotFound;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unsupported;
import io.groupkit.core.spi.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Scripted join requests in the fake: listed, approved (the person joins), declined, each outcome once. */
class FakeJoinRequestsTest {

    @Test
    void aRequestIsListedWithItsTimeLinkAndText() {
        FakeFixture f = new FakeFixture();
        f.time.advance(Duration.ofMinutes(5));
        f.fake.group(TEAM).requestToJoin(ANNA, "https://fake.invalid/join/x", "hello").requestToJoin(BORIS);
        JoinRequests page = assertInstanceOf(JoinRequests.class, f.client.joinRequests(TEAM));
        assertEquals(List.of(new JoinRequest(ANNA, f.time.now(), Optional.of("https://fake.invalid/join/x"),
                Optional.of("hello")), new JoinRequest(BORIS, f.time.now(), Optional.empty(), Optional.empty())),
                page.requests());
        assertTrue(page.next().isEmpty());
    }

    @Test
    void pagesWalkThroughEveryRequestOnce() {
        FakeFixture f = new FakeFixture();
        for (int i = 1; i <= 5; i++) {
            f.fake.group(TEAM).requestToJoin(FakeFixture.person(i));
        }
        JoinRequests first = assertInstanceOf(JoinRequests.class, f.client.joinRequests(TEAM, JoinRequestsPage.first().limit(2)));
        assertEquals(Optional.of("2"), first.next());
        JoinRequests rest = assertInstanceOf(JoinRequests.class, f.client.joinRequests(TEAM,
                JoinRequestsPage.after("4").limit(2)));
        assertEquals(List.of(FakeFixture.person(5)), rest.requests().stream().map(JoinRequest::member).toList());
        assertTrue(rest.next().isEmpty());
        assertEquals(5, assertInstanceOf(JoinRequests.class, f.client.joinRequests(TEAM)).requests().size());
        assertThrows(IllegalArgumentException.class, () -> f.client.joinRequests(TEAM, JoinRequestsPage.after("x")),
                "a cursor this fake never gave out is the caller's bug");
    }

    @Test
    void approvingLetsThePersonInAndDecliningKeepsThemOut() {
        FakeFixture f = new FakeFixture();
        f.fake.group(TEAM).requestToJoin(ANNA).requestToJoin(BORIS);
        assertInstanceOf(Done.class, f.client.approveJoinRequest(TEAM, ANNA));
        assertInstanceOf(Done.class, f.client.declineJoinRequest(TEAM, BORIS));
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
        assertEquals(List.of(), f.fake.group(TEAM).pendingRequests());
    }

    /** Each documented answer of a decision, one row each. */
    @Test
    void everyAnswerOfADecisionIsItsOutcome() {
        record Row(String what, Supplier<DecisionResult> call, Class<? extends DecisionResult> expected) {
        }
        FakeFixture f = new FakeFixture();
        f.fake.group(TEAM).with(CLARA);
        f.fake.group("closed").notAdmin().requestToJoin(ANNA);
        f.fake.person(BORIS).tooManyGroups();
        f.fake.group(TEAM).requestToJoin(BORIS);
        List<Row> rows = List.of(
                new Row("no request", () -> f.client.declineJoinRequest(TEAM, ANNA), NotFound.class),
                new Row("approving a member", () -> f.client.approveJoinRequest(TEAM, CLARA), AlreadyMember.class),
                new Row("too many groups", () -> f.client.approveJoinRequest(TEAM, BORIS), TooManyGroups.class),
                new Row("all, one in too many groups", () -> f.client.approveAllJoinRequests(TEAM), TooManyGroups.class),
                new Row("not admin", () -> f.client.approveJoinRequest(GroupRef.of("closed"), ANNA), AccessDenied.class),
                new Row("not admin, all", () -> f.client.declineAllJoinRequests(GroupRef.of("closed")), AccessDenied.class),
                new Row("no such group", () -> f.client.approveAllJoinRequests(GroupRef.of("nowhere")), NotFound.class));
        for (Row row : rows) {
            assertInstanceOf(row.expected(), row.call().get(), row.what());
        }
        assertEquals(List.of(BORIS), f.fake.group(TEAM).pendingRequests(), "a person in too many groups still waits");
    }

    @Test
    void aLostAnswerIsIndeterminateAndTheDecisionWasNotSentAgain() {
        FakeFixture f = new FakeFixture();
        f.fake.group(TEAM).requestToJoin(ANNA);
        f.fake.failNext(Operation.DECIDE_JOIN_REQUEST, 1, FakeFault.answerLostAfterApplying());
        assertInstanceOf(Indeterminate.class, f.client.approveJoinRequest(TEAM, ANNA));
        assertEquals(1, f.fake.calls(Operation.DECIDE_JOIN_REQUEST).size());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM), "it was applied before the answer was lost");
    }

    @Test
    void aFakeWithoutJoinRequestsAnswersUnsupported() {
        FakeFixture f = new FakeFixture(b -> b.without(Operation.JOIN_REQUESTS, Operation.DECIDE_JOIN_REQUEST,
                Operation.DECIDE_ALL_JOIN_REQUESTS), p -> p);
        assertInstanceOf(Unsupported.class, f.client.joinRequests(TEAM));
        assertInstanceOf(Unsupported.class, f.client.approveJoinRequest(TEAM, ANNA));
        assertInstanceOf(Unsupported.class, f.client.declineAllJoinRequests(TEAM));
        assertEquals(List.of(), f.fake.calls(Operation.JOIN_REQUESTS));
    }
}
