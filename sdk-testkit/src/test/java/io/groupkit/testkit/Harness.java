package io.groupkit.testkit;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.fake.FakeProvider;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A fake provider and a client over it, on virtual time with no jitter. */
final class Harness {
    static final GroupRef GROUP = GroupRef.of("team@g.us");

    final VirtualTime time = VirtualTime.create();
    final FakeProvider fake;
    final GroupMembership client;

    Harness() {
        this(b -> b, p -> p);
    }

    Harness(UnaryOperator<FakeProvider.Builder> fakeSetup, UnaryOperator<Policies.Builder> policySetup) {
        fake = fakeSetup.apply(FakeProvider.builder().time(time)).build();
        fake.group(GROUP);
        client = GroupMembership.create(fake, policySetup.apply(Policies.builder().time(time).jitter(() -> 0.0)
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).build())).build());
    }

    static Member person(int n) {
        return Member.phone(String.format("+7900%07d", n));
    }
}
