package io.groupkit.testkit;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import io.groupkit.testkit.conformance.ScriptedAccount;
import io.groupkit.testkit.fake.FakeProvider;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import org.junit.jupiter.api.Nested;

/** The fake keeps the SPI contract, in its full form and in poorer ones. */
class FakeProviderConformanceTest {

    private static final GroupRef GROUP = GroupRef.of("team@g.us");

    /** The fixture every variant shares: a fresh fake and client per test, people by phone. */
    abstract static class FakeContract extends MembershipProviderContract {
        private final VirtualTime time = VirtualTime.create();
        private final FakeProvider fake = setup(FakeProvider.builder().time(time)).build();
        private final GroupMembership client;

        FakeContract() {
            fake.group(GROUP);
            client = GroupMembership.create(fake, TestPolicies.onVirtualTime(time).build());
        }

        /** The variant's fake, beyond the defaults. */
        abstract FakeProvider.Builder setup(FakeProvider.Builder fakeBuilder);

        @Override
        protected GroupMembership client() {
            return client;
        }

        @Override
        protected GroupRef group() {
            return GROUP;
        }

        @Override
        protected Member freshMember(int n) {
            return Member.phone(String.format("+7900%07d", n));
        }

        @Override
        protected GroupRef missingGroup() {
            return GroupRef.of("nobody@g.us");
        }

        @Override
        protected ScriptedAccount script() {
            return fake.script();
        }
    }

    @Nested
    class FullFake extends FakeContract {
        @Override
        FakeProvider.Builder setup(FakeProvider.Builder fakeBuilder) {
            return fakeBuilder;
        }
    }

    @Nested
    class BatchingFake extends FakeContract {
        @Override
        FakeProvider.Builder setup(FakeProvider.Builder fakeBuilder) {
            return fakeBuilder.batches(3);
        }
    }

    @Nested
    class PoorFake extends FakeContract {
        @Override
        FakeProvider.Builder setup(FakeProvider.Builder fakeBuilder) {
            return fakeBuilder.name("poor").memberKinds(MemberKind.USER_ID)
                    .without(Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS);
        }

        @Override
        protected Member freshMember(int n) {
            return Member.userId(1000 + n);
        }
    }
}
