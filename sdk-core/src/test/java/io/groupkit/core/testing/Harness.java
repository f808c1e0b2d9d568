package io.groupkit.core.testing;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.internal.VirtualClock;
import io.groupkit.core.policy.RetryPolicy;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A scripted provider and a client over it, on virtual time with no jitter. */
public final class Harness {
    /** The group every harness knows. */
    public static final GroupRef GROUP = GroupRef.of("team@g.us");

    /** The clock of the provider and the client. */
    public final VirtualClock time = VirtualClock.create();
    /** The provider, to script and to inspect. */
    public final ScriptedProvider fake;
    /** The client under test. */
    public final GroupMembership client;

    /** A provider with every operation and default policies (backoff from 1 s, no jitter). */
    public Harness() {
        this(b -> b, p -> p);
    }

    /**
     * A provider and policies set up beyond the defaults.
     *
     * @param fakeSetup what to change on the provider's builder
     * @param policySetup what to change on the policies' builder
     */
    public Harness(UnaryOperator<ScriptedProvider.Builder> fakeSetup, UnaryOperator<Policies.Builder> policySetup) {
        fake = fakeSetup.apply(ScriptedProvider.builder().time(time)).build();
        fake.group(GROUP);
        client = GroupMembership.create(fake, policySetup.apply(Policies.builder().time(time).jitter(() -> 0.0)
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).build())).build());
    }

    /**
     * The n-th person, by phone.
     *
     * @param n from 0 to 9,999,999
     * @return the person
     */
    public static Member person(int n) {
        return Member.phone(String.format("+7900%07d", n));
    }
}
