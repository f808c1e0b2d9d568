package io.groupkit.testkit;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import io.groupkit.testkit.conformance.ScriptedAccount;
import org.junit.jupiter.api.Nested;

/** The fake keeps the SPI contract, in its full form and in poorer ones. */
class FakeProviderConformanceTest {

    /** The fixture every variant shares: a fresh harness per test, people by phone. */
    abstract static class FakeContract extends MembershipProviderContract {
        private final Harness h = harness();

        abstract Harness harness();

        @Override
        protected GroupMembership client() {
            return h.client;
        }

        @Override
        protected GroupRef group() {
            return Harness.GROUP;
        }

        @Override
        protected Member freshMember(int n) {
            return Harness.person(n);
        }

        @Override
        protected GroupRef missingGroup() {
            return GroupRef.of("nobody@g.us");
        }

        @Override
        protected ScriptedAccount script() {
            return h.fake.script();
        }
    }

    @Nested
    class FullFake extends FakeContract {
        @Override
        Harness harness() {
            return new Harness();
        }
    }

    @Nested
    class BatchingFake extends FakeContract {
        @Override
        Harness harness() {
            return new Harness(b -> b.batches(3), p -> p);
        }
    }

    @Nested
    class PoorFake extends FakeContract {
        @Override
        Harness harness() {
            return new Harness(b -> b.name("poor").memberKinds(MemberKind.USER_ID)
                    .without(Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS), p -> p);
        }

        @Override
        protected Member freshMember(int n) {
            return Member.userId(1000 + n);
        }
    }
}
