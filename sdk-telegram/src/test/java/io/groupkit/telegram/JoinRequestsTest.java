package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Done;
import io.groupkit.core.JoinRequest;
import io.groupkit.core.JoinRequests;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.Member;
import io.groupkit.core.NotFound;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.TooManyGroups;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Join requests on the fake data centre: listed newest first and paged, approved (the person
 * joins), declined, all at once; every documented error of the three methods is its outcome.
 */
class JoinRequestsTest {

    @Test
    void pendingRequestsAreListedNewestFirstWithTheirTimeAndText() {
        try (Fixture f = new Fixture()) {
            Instant first = f.time.now();
            f.sim.requestToJoin(Fixture.CHANNEL, 101, null, "I run the Tuesday group");
            f.time.advance(Duration.ofMinutes(3));
            f.sim.requestToJoin(Fixture.CHANNEL, 102);
            JoinRequests page = assertInstanceOf(JoinRequests.class, f.client.joinRequests(f.supergroup));
            assertEquals(List.of(
                    new JoinRequest(Member.userId(102), first.plus(Duration.ofMinutes(3)).truncatedTo(
                            java.time.temporal.ChronoUnit.SECONDS), Optional.empty(), Optional.empty(),
                            Optional.of("@person_102")),
                    // The username is how an admin tells who asked; the id is what decides.
                    new JoinRequest(Member.userId(101), first.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            Optional.empty(), Optional.of("I run the Tuesday group"), Optional.of("@person_101"))),
                    page.requests());
            assertTrue(page.next().isEmpty());
            assertEquals(List.of("messages.getChatInviteImporters"), f.sim.calls());
        }
    }

    @Test
    void pagesWalkEveryRequestOnceThoughSeveralShareASecond() {
        try (Fixture f = new Fixture()) {
            for (long u = 110; u < 117; u++) {
                f.sim.requestToJoin(Fixture.CHAT, u); // the same second: the user id breaks the tie
                if (u % 3 == 0) {
                    f.time.advance(Duration.ofSeconds(1));
                }
            }
            List<Member> walked = new ArrayList<>();
            JoinRequestsPage page = JoinRequestsPage.first().limit(3);
            for (int i = 0; i < 5; i++) {
                JoinRequests p = assertInstanceOf(JoinRequests.class, f.client.joinRequests(f.basic, page));
                p.requests().forEach(q -> walked.add(q.member()));
                if (p.next().isEmpty()) {
                    break;
                }
                page = JoinRequestsPage.after(p.next().get()).limit(3);
            }
            assertEquals(7, walked.size(), () -> "each request once: " + walked);
            assertEquals(7, walked.stream().distinct().count());
            assertEquals(7, assertInstanceOf(JoinRequests.class, f.client.joinRequests(f.basic)).requests().size());
            assertThrows(IllegalArgumentException.class, () -> f.client.joinRequests(f.basic, JoinRequestsPage.after("2")),
                    "a cursor Telegram's adapter never gave out is the caller's bug");
        }
    }

    @Test
    void anApprovedPersonJoinsAndADeclinedOneStaysOut() {
        try (Fixture f = new Fixture()) {
            f.sim.requestToJoin(Fixture.CHANNEL, 101).requestToJoin(Fixture.CHANNEL, 102);
            JoinRequests listed = assertInstanceOf(JoinRequests.class, f.client.joinRequests(f.supergroup));
            assertInstanceOf(Done.class, f.client.approveJoinRequest(f.supergroup, listed.requests().get(1).member()));
            assertInstanceOf(Done.class, f.client.declineJoinRequest(f.supergroup, Fixture.person(102)), "by username too");
            assertTrue(f.sim.members(Fixture.CHANNEL).contains(101L));
            assertTrue(!f.sim.members(Fixture.CHANNEL).contains(102L));
            assertEquals(List.of(), f.sim.pendingRequests(Fixture.CHANNEL));
            NotFound gone = assertInstanceOf(NotFound.class, f.client.declineJoinRequest(f.supergroup, f.known(101)),
                    "decided already: nothing pending");
            assertEquals(NotFound.Subject.MEMBER, gone.subject());
        }
    }

    /** A fresh client (another process) knows no access hash: a bare id is found among the pending requests. */
    @Test
    void aBareUserIdIsFoundAmongThePendingRequests() {
        try (Fixture f = new Fixture()) {
            f.sim.requestToJoin(Fixture.CHAT, 150);
            assertInstanceOf(Done.class, f.client.approveJoinRequest(f.basic, Member.userId(150)));
            assertEquals(List.of("messages.getChatInviteImporters", "messages.hideChatJoinRequest"), f.sim.calls());
            NotFound nobody = assertInstanceOf(NotFound.class, f.client.approveJoinRequest(f.basic, Member.userId(151)));
            assertEquals(NotFound.Subject.MEMBER, nobody.subject());
            assertEquals("NO_JOIN_REQUEST", nobody.detail().code());
        }
    }

    @Test
    void approveAllLetsEveryoneInAndDeclineAllEmptiesTheList() {
        try (Fixture f = new Fixture()) {
            f.sim.requestToJoin(Fixture.CHAT, 120).requestToJoin(Fixture.CHAT, 121);
            f.sim.requestToJoin(Fixture.CHANNEL, 122);
            assertInstanceOf(Done.class, f.client.approveAllJoinRequests(f.basic));
            assertTrue(f.sim.members(Fixture.CHAT).containsAll(List.of(120L, 121L)));
            assertInstanceOf(Done.class, f.client.declineAllJoinRequests(f.supergroup));
            assertEquals(List.of(), f.sim.pendingRequests(Fixture.CHANNEL));
            assertTrue(!f.sim.members(Fixture.CHANNEL).contains(122L));
            Done nothing = assertInstanceOf(Done.class, f.client.approveAllJoinRequests(f.basic),
                    "nothing pending: nobody waits, as asked");
            assertEquals("HIDE_REQUESTER_MISSING", nothing.detail().code());
        }
    }

    @Test
    void aPersonInTooManyChannelsStaysPending() {
        try (Fixture f = new Fixture()) {
            f.sim.requestToJoin(Fixture.CHANNEL, 130).requestToJoin(Fixture.CHANNEL, 131);
            f.sim.refuseAdds(130, 403, "USER_CHANNELS_TOO_MUCH");
            assertInstanceOf(TooManyGroups.class, f.client.approveJoinRequest(f.supergroup, f.known(130)));
            assertInstanceOf(TooManyGroups.class, f.client.approveAllJoinRequests(f.supergroup));
            assertEquals(List.of(130L), f.sim.pendingRequests(Fixture.CHANNEL), "the other one was let in");
            assertTrue(f.sim.members(Fixture.CHANNEL).contains(131L));
        }
    }

    @Test
    void approvingSomeoneAlreadyInIsAlreadyMember() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, f.known(140));
            assertInstanceOf(AlreadyMember.class, f.client.approveJoinRequest(f.basic, f.known(140)));
            NotFound decline = assertInstanceOf(NotFound.class, f.client.declineJoinRequest(f.basic, f.known(140)));
            assertEquals(NotFound.Subject.MEMBER, decline.subject());
        }
    }

    /**
     * Every error the provider facts list for the three methods, aimed at one call: operation,
     * method, code, error, the outcome's kind, and its subject when it is NotFound.
     */
    @ParameterizedTest(name = "{0} / {1}: {2} {3} -> {4} {5}")
    @CsvSource({
            "approve, messages.hideChatJoinRequest, 400, HIDE_REQUESTER_MISSING, NOT_FOUND, MEMBER",
            "decline, messages.hideChatJoinRequest, 400, HIDE_REQUESTER_MISSING, NOT_FOUND, MEMBER",
            "approve, messages.hideChatJoinRequest, 400, USER_ALREADY_PARTICIPANT, ALREADY_MEMBER, ",
            "decline, messages.hideChatJoinRequest, 400, USER_ALREADY_PARTICIPANT, NOT_FOUND, MEMBER",
            "approve, messages.hideChatJoinRequest, 400, USER_CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, ",
            "approve, messages.hideChatJoinRequest, 403, USER_CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, ",
            "approve, messages.hideChatJoinRequest, 400, CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, ",
            "approve, messages.hideChatJoinRequest, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ",
            "approve, messages.hideChatJoinRequest, 400, CHANNEL_PRIVATE, ACCESS_DENIED, ",
            "approve, messages.hideChatJoinRequest, 403, CHAT_WRITE_FORBIDDEN, ACCESS_DENIED, ",
            "approve, messages.hideChatJoinRequest, 400, INPUT_USER_DEACTIVATED, NOT_FOUND, MEMBER",
            "approve, messages.hideChatJoinRequest, 400, USER_ID_INVALID, NOT_FOUND, MEMBER",
            "approve, messages.hideChatJoinRequest, 400, PEER_ID_INVALID, NOT_FOUND, GROUP",
            "approve, messages.hideChatJoinRequest, 420, FLOOD_WAIT_3600, RATE_LIMITED, ",
            "approve-all, messages.hideAllChatJoinRequests, 400, HIDE_REQUESTER_MISSING, DONE, ",
            "decline-all, messages.hideAllChatJoinRequests, 400, HIDE_REQUESTER_MISSING, DONE, ",
            "approve-all, messages.hideAllChatJoinRequests, 400, INVITE_HASH_EXPIRED, NOT_FOUND, MEMBER",
            "approve-all, messages.hideAllChatJoinRequests, 400, USER_CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, ",
            "approve-all, messages.hideAllChatJoinRequests, 403, USER_CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, ",
            "approve-all, messages.hideAllChatJoinRequests, 400, CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, ",
            "approve-all, messages.hideAllChatJoinRequests, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ",
            "approve-all, messages.hideAllChatJoinRequests, 400, CHANNEL_INVALID, NOT_FOUND, GROUP",
            "approve-all, messages.hideAllChatJoinRequests, 400, CHANNEL_PRIVATE, ACCESS_DENIED, ",
            "decline-all, messages.hideAllChatJoinRequests, 420, FLOOD_WAIT_3600, RATE_LIMITED, ",
            "list, messages.getChatInviteImporters, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ",
            "list, messages.getChatInviteImporters, 400, CHANNEL_INVALID, NOT_FOUND, GROUP",
            "list, messages.getChatInviteImporters, 400, CHANNEL_PRIVATE, ACCESS_DENIED, ",
            "list, messages.getChatInviteImporters, 400, PEER_ID_INVALID, NOT_FOUND, GROUP",
            "list, messages.getChatInviteImporters, 400, INVITE_HASH_EXPIRED, NOT_FOUND, GROUP",
            "list, messages.getChatInviteImporters, 400, SEARCH_WITH_LINK_NOT_SUPPORTED, UNSUPPORTED, ",
            "list, messages.getChatInviteImporters, 420, FLOOD_WAIT_3600, RATE_LIMITED, ",
    })
    void everyDocumentedErrorIsItsOutcome(String operation, String method, int code, String message, OutcomeKind kind,
                                          String subject) {
        try (Fixture f = new Fixture()) {
            f.sim.requestToJoin(Fixture.CHANNEL, 101);
            f.sim.refuseCalls(method, code, message);
            Outcome r = switch (operation) {
                case "approve" -> f.client.approveJoinRequest(f.supergroup, f.known(101));
                case "decline" -> f.client.declineJoinRequest(f.supergroup, f.known(101));
                case "approve-all" -> f.client.approveAllJoinRequests(f.supergroup);
                case "decline-all" -> f.client.declineAllJoinRequests(f.supergroup);
                default -> f.client.joinRequests(f.supergroup, JoinRequestsPage.first());
            };
            assertEquals(kind, r.kind(), () -> message + " gave " + r);
            assertEquals(message, r.detail().code());
            if (subject != null) {
                assertEquals(NotFound.Subject.valueOf(subject), ((NotFound) r).subject());
            }
            assertTrue(!r.remedy().isBlank());
        }
    }
}
