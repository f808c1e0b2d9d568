package io.groupkit.greenapi;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.testkit.conformance.ScriptedAccount;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.function.Function;

/**
 * The conformance kit's scripted account on a simulator instance, whatever its product: the
 * products differ only in how a member is named in the instance's groups.
 */
public final class SimulatorScript implements ScriptedAccount {
    private final GreenApiSimulator.Instance instance;
    private final Function<Member, String> listedId;

    /**
     * A script of one instance.
     *
     * @param instance the simulator's instance
     * @param listedId a member's id as the instance's groups list it
     */
    public SimulatorScript(GreenApiSimulator.Instance instance, Function<Member, String> listedId) {
        this.instance = instance;
        this.listedId = listedId;
    }

    @Override
    public boolean loseNextAddAnswerAfterApplying() {
        instance.failNext("addGroupParticipant", 1, GreenApiSimulator.Fault.dropConnectionAfterApplying());
        return true;
    }

    @Override
    public boolean loseNextAddAnswerBeforeApplying() {
        instance.failNext("addGroupParticipant", 1, GreenApiSimulator.Fault.dropConnection());
        return true;
    }

    @Override
    public boolean refuseNextAddTransiently() {
        instance.failNext("addGroupParticipant", 1, GreenApiSimulator.Fault.answer(429, "{\"message\":\"Too Many Requests\"}"));
        return true;
    }

    @Override
    public boolean joinOnTheirOwn(GroupRef group, Member member) {
        instance.joins(group.key(), listedId.apply(member));
        return true;
    }

    @Override
    public boolean leaveOnTheirOwn(GroupRef group, Member member) {
        instance.leaves(group.key(), listedId.apply(member));
        return true;
    }
}
