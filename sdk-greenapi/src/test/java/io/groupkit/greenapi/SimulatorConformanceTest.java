package io.groupkit.greenapi;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import io.groupkit.testkit.conformance.ScriptedAccount;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The adapter keeps the SPI contract against the simulator. */
class SimulatorConformanceTest extends MembershipProviderContract {
    private final Fixture f = new Fixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Override
    protected GroupMembership client() {
        return f.client;
    }

    @Override
    protected GroupRef group() {
        return Fixture.GROUP;
    }

    @Override
    protected Member freshMember(int n) {
        return Fixture.person(100 + n);
    }

    @Override
    protected GroupRef missingGroup() {
        return GroupRef.of("120363999999999999@g.us");
    }

    @Override
    protected List<String> secrets() {
        return List.of(Fixture.TOKEN);
    }

    private static String chatId(Member member) {
        return member instanceof Member.Phone p ? p.digits() + "@c.us" : member.value();
    }

    @Override
    protected ScriptedAccount script() {
        return new SimulatorScript(f.instance, SimulatorConformanceTest::chatId);
    }
}
