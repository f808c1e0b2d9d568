package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Join requests through the client: pages walked, arguments checked, and Unsupported where a provider has none. */
class JoinRequestsClientTest {
    private static final GroupRef GROUP = GroupRef.of("team");
    private static final ProviderDetail D = ProviderDetail.of("paged", "OK");

    /** A provider whose pages of requests are scripted by cursor; it records the cursors asked for. */
    private static final class Paged implements MembershipProvider {
        final List<Optional<String>> asked = new ArrayList<>();
        private final java.util.Map<Optional<String>, JoinRequests> pages;
        private final boolean declares;

        Paged(java.util.Map<Optional<String>, JoinRequests> pages, boolean declares) {
            this.pages = pages;
            this.declares = declares;
        }

        @Override
        public String name() {
            return "paged";
        }

        @Override
        public Capabilities capabilities() {
            return capabilitiesOf(declares);
        }

        @Override
        public CompletionStage<AddResult> add(AttemptContext context, GroupRef group, Member member) {
            return CompletableFuture.completedFuture(new Added(D));
        }

        @Override
        public CompletionStage<JoinRequestsResult> joinRequests(AttemptContext context, GroupRef group, JoinRequestsPage page) {
            synchronized (asked) {
                asked.add(page.cursor());
            }
            return CompletableFuture.completedFuture(pages.get(page.cursor()));
        }
    }

    private static Capabilities capabilitiesOf(boolean joinRequests) {
        Capabilities.Builder b = Capabilities.builder().memberKinds(MemberKind.USER_ID).operations(Operation.ADD)
                .groupRefType(GroupRef.class);
        if (joinRequests) {
            b.operations(Operation.JOIN_REQUESTS, Operation.DECIDE_JOIN_REQUEST, Operation.DECIDE_ALL_JOIN_REQUESTS);
        }
        return b.build();
    }

    private static JoinRequest request(long id) {
        return new JoinRequest(Member.userId(id), Instant.ofEpochSecond(1_700_000_000L + id), Optional.empty(), Optional.empty());
    }

    @Test
    void everyPageIsWalkedAndAPersonOnTwoPagesIsListedOnce() {
        Paged provider = new Paged(java.util.Map.of(
                Optional.empty(), new JoinRequests(D, List.of(request(1), request(2)), Optional.of("a")),
                Optional.of("a"), new JoinRequests(D, List.of(request(2), request(3)), Optional.of("b")),
                Optional.of("b"), new JoinRequests(D, List.of(request(4)), Optional.of("a"))), true);
        try (GroupMembership client = GroupMembership.create(provider)) {
            JoinRequests all = assertInstanceOf(JoinRequests.class, client.joinRequests(GROUP));
            assertEquals(List.of(request(1), request(2), request(3), request(4)), all.requests());
            assertEquals(Optional.empty(), all.next());
            assertEquals(List.of(Optional.empty(), Optional.of("a"), Optional.of("b")), provider.asked,
                    "a cursor seen before ends the walk: a provider's loop is not followed");
        }
    }

    /** Green-API and Bitrix24 declare none of the operations; a provider that declares them but implements none answers Unsupported too. */
    @Test
    void aProviderWithoutJoinRequestsAnswersUnsupported() {
        for (boolean declares : new boolean[] {false, true}) {
            MembershipProvider bare = new MembershipProvider() {
                @Override
                public String name() {
                    return "bare";
                }

                @Override
                public Capabilities capabilities() {
                    return capabilitiesOf(declares);
                }

                @Override
                public CompletionStage<AddResult> add(AttemptContext context, GroupRef group, Member member) {
                    return CompletableFuture.completedFuture(new Added(D));
                }
            };
            try (GroupMembership client = GroupMembership.create(bare)) {
                assertInstanceOf(Unsupported.class, client.joinRequests(GROUP, JoinRequestsPage.first()));
                assertInstanceOf(Unsupported.class, client.approveJoinRequest(GROUP, Member.userId(1)));
                assertInstanceOf(Unsupported.class, client.declineJoinRequest(GROUP, Member.userId(1)));
                assertInstanceOf(Unsupported.class, client.approveAllJoinRequests(GROUP));
                assertInstanceOf(Unsupported.class, client.decideAllJoinRequestsAsync(GROUP, JoinDecision.DECLINE).join());
            }
        }
    }

    @Test
    void aCallersBugThrowsWithAMessage() {
        try (GroupMembership client = GroupMembership.create(new Paged(java.util.Map.of(), true))) {
            assertThrows(NullPointerException.class, () -> client.decideJoinRequest(GROUP, Member.userId(1), null));
            assertThrows(NullPointerException.class, () -> client.joinRequests(GROUP, null));
            assertThrows(IllegalArgumentException.class, () -> client.approveJoinRequest(GROUP, Member.username("alice")),
                    "a member kind the provider does not take");
        }
        assertThrows(IllegalArgumentException.class, () -> JoinRequestsPage.first().limit(0));
        assertThrows(IllegalArgumentException.class, () -> JoinRequestsPage.first().limit(JoinRequestsPage.MAX_LIMIT + 1));
        assertThrows(IllegalArgumentException.class, () -> JoinRequestsPage.after(" "));
    }
}
