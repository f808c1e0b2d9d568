package io.groupkit.testkit.fake;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a user of the fake has: a fake on virtual time, one group in it, and a client over it made
 * with {@code GroupMembership.create(fake, TestPolicies.onVirtualTime(time)...)}; the tests look
 * only through the public API.
 */
final class FakeFixture {
    static final GroupRef TEAM = GroupRef.of("team@g.us");
    static final Member ANNA = Member.phone("+7 900 000-00-01");
    static final Member BORIS = Member.phone("+7 900 000-00-02");
    static final Member CLARA = Member.phone("+7 900 000-00-03");

    final VirtualTime time = VirtualTime.create();
    final FakeProvider fake;
    final GroupMembership client;

    /** The default fake and policies (pre-checks on, 4 attempts, backoff 1 s, 2 s, 4 s). */
    FakeFixture() {
        this(b -> b, p -> p);
    }

    FakeFixture(UnaryOperator<FakeProvider.Builder> fakeSetup, UnaryOperator<Policies.Builder> policySetup) {
        fake = fakeSetup.apply(FakeProvider.builder().time(time)).build();
        fake.group(TEAM);
        client = GroupMembership.create(fake, policySetup.apply(TestPolicies.onVirtualTime(time)).build());
    }

    static Member person(int n) {
        return Member.phone(String.format("+7900%07d", n));
    }

    /** The attempt numbers of an operation's calls, in order of arrival. */
    List<Integer> attempts(Operation operation) {
        return fake.calls(operation).stream().map(FakeCall::attempt).toList();
    }

    /** When an operation's calls arrived, as time since the start. */
    List<Duration> arrivals(Operation operation) {
        return fake.calls(operation).stream().map(c -> Duration.ofNanos(c.atNanos())).toList();
    }

    /** How many calls of an operation carried this person. */
    long callsFor(Operation operation, Member member) {
        return fake.calls(operation).stream().filter(c -> c.members().contains(member)).count();
    }
}
