package io.groupkit.telegram;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import org.junit.jupiter.api.Order;

/** The same contract in a supergroup, where adds are invites and removes are ban and unban. */
@Order(3)
class SupergroupConformanceTest extends FakeServerConformanceTest {
    @Override
    protected GroupRef group() {
        return f.supergroup;
    }

    @Override
    protected Member freshMember(int n) {
        return Fixture.phone(200 + n);
    }

    @Override
    protected GroupRef missingGroup() {
        return TelegramGroup.supergroup(999_999, 42);
    }
}
