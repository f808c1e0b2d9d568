package io.groupkit.telegram;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import io.groupkit.testkit.conformance.ScriptedAccount;
import io.groupkit.testkit.telegram.ServerFault;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;

/** The adapter keeps the SPI contract against the fake MTProto server, in a basic group. */
@Order(3)
class FakeServerConformanceTest extends MembershipProviderContract {
    final Fixture f = new Fixture();

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
        return f.basic;
    }

    @Override
    protected Member freshMember(int n) {
        return Fixture.person(200 + n);
    }

    @Override
    protected GroupRef missingGroup() {
        return TelegramGroup.basic(999_999);
    }

    @Override
    protected List<String> secrets() {
        byte[] key = f.sim.authKey();
        return List.of(f.sim.sessionString(), f.sim.sessionString().substring(1, 40), HexFormat.of().formatHex(key),
                Base64.getEncoder().encodeToString(key).substring(0, 40));
    }

    /** The fake server's faults apply to its next call, which for a fresh person's add is the add itself. */
    @Override
    protected ScriptedAccount script() {
        return new ScriptedAccount() {
            @Override
            public boolean loseNextAddAnswerAfterApplying() {
                f.sim.fault(new ServerFault.DropAfterApplying());
                return true;
            }

            @Override
            public boolean loseNextAddAnswerBeforeApplying() {
                f.sim.fault(new ServerFault.DropUnapplied());
                return true;
            }

            @Override
            public boolean refuseNextAddTransiently() {
                f.sim.fault(new ServerFault.RpcError(420, "FLOOD_WAIT_1"));
                return true;
            }

            /** freshMember(n) is person_(200 + n) or that person's phone, ending in the user id 200 + n. */
            @Override
            public boolean requestToJoin(GroupRef group, Member member) {
                long id = Long.parseLong(member.value().replaceAll("^.*?(\\d{3})$", "$1"));
                f.sim.requestToJoin(group instanceof TelegramGroup.BasicGroup b ? b.chatId()
                        : ((TelegramGroup.Supergroup) group).channelId(), id);
                return true;
            }
        };
    }
}
