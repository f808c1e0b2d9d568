package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    @Test
    void aSlowAnswerIsSettledLikeALostOneNotResent() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.slow(Duration.ofSeconds(90)));
        Added r = assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(r.verifiedByMembershipCheck(), "the attempt timed out at 60 s; the listing found the late add");
        assertEquals(1, h.fake.calls(Operation.ADD).size(), "not resent");
        assertEquals(1, h.fake.calls(Operation.MEMBERS).size());
        assertEquals(1, h.fake.membersOf(Harness.GROUP).size());
    }

    @Test
    void aProviderThatIsAlwaysTooSlowEndsIndeterminate() {
        Harness h = new Harness(b -> b.latency(Duration.ofMinutes(2)), p -> p.prechecks(Prechecks.OFF));
        Indeterminate r = assertInstanceOf(Indeterminate.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals("ATTEMPT_TIMEOUT", r.detail().code());
        Unavailable m = assertInstanceOf(Unavailable.class, h.client.members(Harness.GROUP));
        assertEquals("ATTEMPT_TIMEOUT", m.detail().code());
    }

    /** A provider whose stages never complete, on real time: every call still ends. */
    @Test
    void aProviderThatNeverAnswersCannotHangTheCaller() {
        MembershipProvider silent = new MembershipProvider() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public Capabilities capabilities() {
                return Capabilities.builder().memberKinds(MemberKind.PHONE).groupRefType(GroupRef.class)
                        .operations(Operation.ADD, Operation.REMOVE, Operation.MEMBERS, Operation.INVITE_LINK).build();
            }

            @Override
            public CompletionStage<AddResult> add(AttemptContext c, GroupRef g, Member m) {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<RemoveResult> remove(AttemptContext c, GroupRef g, Member m) {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<InviteLinkResult> inviteLink(AttemptContext c, GroupRef g) {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<MembersResult> members(AttemptContext c, GroupRef g) {
                return new CompletableFuture<>();
            }
        };
        GroupMembership client = GroupMembership.create(silent, Policies.builder()
                .attemptTimeout(Duration.ofMillis(50)).retry(RetryPolicy.none()).build());
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertInstanceOf(Indeterminate.class, client.add(GroupRef.of("g"), Member.phone("+79000000001")));
            assertInstanceOf(Indeterminate.class, client.remove(GroupRef.of("g"), Member.phone("+79000000001")));
            assertInstanceOf(Unavailable.class, client.inviteLink(GroupRef.of("g")));
        }, "a silent provider hung the caller");
    }
}
