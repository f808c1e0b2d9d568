package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.ForwardingMembershipProvider;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.testing.ScriptedProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * {@code inviteLink(group, member)}: a provider without personal links gives the group's link;
 * one with them is asked for each person, given the person's earlier link, and never cached for
 * the group; either way the link is recorded as the person's invitation.
 */
class PersonalInviteLinkTest {

    /** Personal links over the scripted provider: a new link per call unless the earlier one is passed back. */
    private static final class Personal extends ForwardingMembershipProvider {
        final List<Optional<String>> earlier = new ArrayList<>();
        private int made;

        Personal(MembershipProvider delegate) {
            super(delegate);
        }

        @Override
        public boolean personalInviteLinks(GroupRef group) {
            return true;
        }

        @Override
        public synchronized CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group,
                                                                         Member member, Optional<String> before) {
            earlier.add(before);
            String url = before.orElseGet(() -> "https://fake.invalid/p/" + member.value() + "/" + (++made));
            return CompletableFuture.completedFuture(new InviteLink(ProviderDetail.of("fake", "PERSONAL"), url,
                    Optional.empty(), java.util.OptionalInt.of(1)));
        }
    }

    @Test
    void withoutPersonalLinksThePersonGetsTheGroupsLinkRecordedAsTheirInvitation() {
        MembershipStore store = MembershipStore.inMemory();
        Harness h = new Harness(b -> b, p -> p.invitations(store));
        InviteLink link = assertInstanceOf(InviteLink.class, h.client.inviteLink(Harness.GROUP, Harness.person(3)));
        assertEquals(link.url(), ((InviteLink) h.client.inviteLink(Harness.GROUP)).url());
        assertEquals(1, h.client.invitations(store).ofPerson(Harness.person(3)).size());
        assertEquals(InviteDelivery.NOT_SENT, h.client.invitations(store).ofPerson(Harness.person(3)).get(0).delivery());
        assertThrows(NullPointerException.class, () -> h.client.inviteLink(Harness.GROUP, null));
    }

    @Test
    void personalLinksAreAskedPerPersonWithTheirEarlierLinkAndServeTheFallback() {
        MembershipStore store = MembershipStore.inMemory();
        ScriptedProvider fake = ScriptedProvider.builder().build();
        fake.group(Harness.GROUP).refuse(Harness.person(7), OutcomeKind.PRIVACY_RESTRICTED);
        Personal personal = new Personal(fake);
        try (GroupMembership client = GroupMembership.create(personal, Policies.builder().invitations(store)
                .inviteFallback(InviteFallback.ATTACH_LINK).inviteLinkTtl(Duration.ofHours(1)).build())) {
            AddResult refused = client.add(Harness.GROUP, Harness.person(7));
            String seven = assertInstanceOf(PrivacyRestricted.class, refused).inviteLink().orElseThrow().url();
            assertTrue(seven.contains(Harness.person(7).value()), seven);
            String three = ((InviteLink) client.inviteLink(Harness.GROUP, Harness.person(3))).url();
            assertNotEquals(seven, three, "never the group's cached link, never another person's");
            assertEquals(List.of(Optional.empty(), Optional.empty()), personal.earlier);

            assertEquals(seven, ((InviteLink) client.inviteLink(Harness.GROUP, Harness.person(7))).url());
            assertEquals(Optional.of(seven), personal.earlier.get(2), "the provider is given the person's earlier link");
            assertEquals(2, client.invitations(store).toGroup(Harness.GROUP).size(), "a reused link is one invitation");
        }
    }

    @Test
    void twoRequestsAtOnceForOnePersonMakeOneLink() {
        ScriptedProvider fake = ScriptedProvider.builder().build();
        fake.group(Harness.GROUP);
        CompletableFuture<InviteLinkResult> answer = new CompletableFuture<>();
        List<Member> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        MembershipProvider slow = new ForwardingMembershipProvider(fake) {
            @Override
            public boolean personalInviteLinks(GroupRef group) {
                return true;
            }

            @Override
            public CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group, Member member,
                                                                Optional<String> before) {
                asked.add(member);
                return answer;
            }
        };
        try (GroupMembership client = GroupMembership.create(slow)) {
            CompletableFuture<InviteLinkResult> a = client.inviteLinkAsync(Harness.GROUP, Harness.person(1));
            CompletableFuture<InviteLinkResult> b = client.inviteLinkAsync(Harness.GROUP, Harness.person(1));
            answer.complete(new InviteLink(ProviderDetail.of("fake", "PERSONAL"), "https://fake.invalid/p/1"));
            assertEquals(((InviteLink) a.join()).url(), ((InviteLink) b.join()).url());
            assertEquals(List.of(Harness.person(1)), asked, "asked once");
        }
    }

    @Test
    void withoutAStoreTheEarlierLinkIsRememberedByTheClient() {
        ScriptedProvider fake = ScriptedProvider.builder().build();
        fake.group(Harness.GROUP);
        Personal personal = new Personal(fake);
        try (GroupMembership client = GroupMembership.create(personal)) {
            String first = ((InviteLink) client.inviteLink(Harness.GROUP, Harness.person(1))).url();
            client.inviteLink(Harness.GROUP, Harness.person(1));
            assertEquals(List.of(Optional.empty(), Optional.of(first)), personal.earlier);
        }
    }
}
