package io.groupkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.fake.FakeFault;
import io.groupkit.testkit.fake.FakeProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a user tests their own code: the fake provider stands in for WhatsApp, Bitrix24 or
 * Telegram, scripted per person and per call, on virtual time.
 */
class OnboardingTest {
    private final VirtualTime time = VirtualTime.create();
    private final FakeProvider fake = FakeProvider.builder().time(time).build();
    private final GroupRef team = GroupRef.of("team@g.us");
    private final Onboarding onboarding = new Onboarding(GroupMembership.create(fake,
            Policies.builder().time(time).inviteFallback(InviteFallback.ATTACH_LINK).build()), team);

    private final Member anna = Member.phone("+7 900 000-00-01");
    private final Member boris = Member.phone("+7 900 000-00-02");
    private final Member clara = Member.phone("+7 900 000-00-03");

    @Test
    void everyoneWhoCanJoinJoinsAndTheOthersGetTheLink() {
        fake.group(team).inviteLink("https://chat.example/join/team");
        fake.person(boris).privacyRestricted();
        List<Onboarding.Result> results = onboarding.welcome(List.of(anna, boris));
        assertTrue(results.get(0).joined());
        assertFalse(results.get(1).joined());
        assertEquals("https://chat.example/join/team", results.get(1).inviteLink());
        assertEquals(List.of(anna), fake.membersOf(team));
    }

    @Test
    void aProviderHiccupIsRetriedForUsAndARateLimitIsLeftForLater() {
        fake.group(team);
        fake.person(anna).failNext(2, FakeFault.unavailable());
        fake.person(clara).failNext(1, FakeFault.rateLimited(Duration.ofHours(1)));
        List<Onboarding.Result> results = onboarding.welcome(List.of(anna, clara));
        assertTrue(results.get(0).joined(), "GroupKit retried the transient failures");
        assertTrue(results.get(1).retryLater());
        assertNull(results.get(1).inviteLink());
        assertEquals(3, fake.calls(Operation.ADD).stream().filter(c -> c.members().contains(anna)).count());
    }

    @Test
    void aNumberWithoutAnAccountIsReportedAndNeverSent() {
        fake.group(team);
        fake.person(clara).noAccount();
        Onboarding.Result r = onboarding.welcome(List.of(clara)).get(0);
        assertFalse(r.joined());
        assertTrue(r.note().startsWith("NOT_REGISTERED"), r.note());
        assertTrue(fake.calls(Operation.ADD).isEmpty());
    }
}
