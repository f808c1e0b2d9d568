package io.groupkit.bitrix24;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import io.groupkit.testkit.conformance.ScriptedAccount;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;

/** The adapter keeps the SPI contract against the simulator, for messenger chats and CRM chats. */
@Order(1)
class SimulatorConformanceTest {

    abstract static class Contract extends MembershipProviderContract {
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
        protected Member freshMember(int n) {
            return Fixture.user(100 + n);
        }

        @Override
        protected List<String> secrets() {
            return List.of(Fixture.CODE);
        }

        /** The simulator's chat behind a group the kit watches (a CRM item's: its only chat). */
        static long chatOf(GroupRef group) {
            if (group instanceof ImChat im) {
                return im.chatId();
            }
            return ((CrmChat) group).chatId().orElse(Fixture.DEAL_CHAT);
        }

        /** The method that adds people to this contract's kind of chat. */
        abstract String addMethod();

        @Override
        protected ScriptedAccount script() {
            return new ScriptedAccount() {
                @Override
                public boolean loseNextAddAnswerAfterApplying() {
                    f.sim.failNext(addMethod(), Bitrix24Simulator.Fault.dropConnectionAfterApplying());
                    return true;
                }

                @Override
                public boolean loseNextAddAnswerBeforeApplying() {
                    f.sim.failNext(addMethod(), Bitrix24Simulator.Fault.dropConnection());
                    return true;
                }

                @Override
                public boolean refuseNextAddTransiently() {
                    f.sim.failNext(addMethod(), Bitrix24Simulator.Fault.answer(503, "QUERY_LIMIT_EXCEEDED"));
                    return true;
                }

                @Override
                public boolean joinOnTheirOwn(GroupRef group, Member member) {
                    f.sim.joins(chatOf(group), Long.parseLong(member.value()));
                    return true;
                }

                @Override
                public boolean leaveOnTheirOwn(GroupRef group, Member member) {
                    f.sim.leaves(chatOf(group), Long.parseLong(member.value()));
                    return true;
                }
            };
        }
    }

    @Nested
    class MessengerChat extends Contract {
        @Override
        String addMethod() {
            return "im.chat.user.add";
        }

        @Override
        protected GroupRef group() {
            return Fixture.IM;
        }

        @Override
        protected GroupRef missingGroup() {
            return ImChat.of(999_999);
        }
    }

    @Nested
    class OpenLineCrmChat extends Contract {
        @Override
        String addMethod() {
            return "imopenlines.crm.chat.user.add";
        }

        @Override
        protected GroupRef group() {
            return Fixture.DEAL;
        }

        @Override
        protected GroupRef missingGroup() {
            return CrmChat.of(CrmEntityType.DEAL, 42).withChat(123_456);
        }

        @Override
        protected GroupRef listedGroup() {
            return ImChat.of(Fixture.DEAL_CHAT);
        }
    }
}
