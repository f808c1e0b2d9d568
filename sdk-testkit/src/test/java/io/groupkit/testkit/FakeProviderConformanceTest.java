package io.groupkit.testkit;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import org.junit.jupiter.api.Nested;

/** The fake keeps the SPI contract, in its full form and in poorer ones. */
class FakeProviderConformanceTest {

    @Nested
    class FullFake extends MembershipProviderContract {
        private final Harness h = new Harness();

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
    }

    @Nested
    class BatchingFake extends MembershipProviderContract {
        private final Harness h = new Harness(b -> b.batches(3), p -> p);

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
    }

    @Nested
    class PoorFake extends MembershipProviderContract {
        private final Harness h = new Harness(b -> b.name("poor").memberKinds(MemberKind.USER_ID)
                .without(Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS), p -> p);

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
            return Member.userId(1000 + n);
        }

        @Override
        protected GroupRef missingGroup() {
            return GroupRef.of("nobody");
        }
    }
}
