package io.groupkit.telegram.bot;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import io.groupkit.testkit.conformance.ScriptedAccount;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The adapter keeps the SPI contract against the Bot API simulator. A bot declares no ADD and no
 * MEMBERS: the kit holds it to what it declares (an add never says Added; removals of people who
 * joined by a link; join requests decided one by one).
 */
class SimulatorConformanceTest extends MembershipProviderContract {
    private final SimFixture f = new SimFixture();

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
        return SimFixture.GROUP;
    }

    @Override
    protected Member freshMember(int n) {
        return SimFixture.person(n);
    }

    @Override
    protected GroupRef missingGroup() {
        return TelegramBotChat.of(-1009999999999L);
    }

    @Override
    protected List<String> secrets() {
        return List.of(f.sim.token(), f.sim.token().substring(f.sim.token().indexOf(':') + 1));
    }

    @Override
    protected ScriptedAccount script() {
        return new ScriptedAccount() {
            @Override
            public boolean joinOnTheirOwn(GroupRef group, Member member) {
                f.joinOnTheirOwn(Long.parseLong(member.value()));
                return true;
            }

            @Override
            public boolean leaveOnTheirOwn(GroupRef group, Member member) {
                f.sim.leave(((TelegramBotChat) group).chatId(), Long.parseLong(member.value()));
                return true;
            }

            @Override
            public boolean requestToJoin(GroupRef group, Member member) {
                f.sim.requestToJoin(((TelegramBotChat) group).chatId(), Long.parseLong(member.value()));
                return true;
            }
        };
    }
}
