package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.ScriptedProvider.Call;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import java.util.List;
import java.util.function.Supplier;

class IndeterminateFuzzTest {
    private static final List<Supplier<Fault>> FAULTS = List.of(Fault::unavailable, Fault::rateLimited,
            Fault::answerLostAfterApplying, Fault::answerLostBeforeApplying, Fault::providerException,
            Fault::unrecognized, Fault::spamLimited, Fault::accessDenied);

    /**
     * Under any sequence of lost answers, failures and faulty listings: an add reported as Added
     * means the person is in the group, and an Added after a lost answer came from a listing;
     * a removal reported as done means the person is gone. Nothing is ever reported done that is not.
     */
    @FuzzTest(maxDuration = "60s")
    void noFalseSuccessWhateverGetsLost(FuzzedDataProvider data) {
        Harness h = new Harness(b -> b.without(data.consumeBoolean() ? Operation.MEMBERS : Operation.SEND_INVITE), p -> p);
        Member person = Harness.person(data.consumeInt(0, 3));
        if (data.consumeBoolean()) {
            h.fake.group(Harness.GROUP, person);
        }
        for (Operation op : List.of(Operation.ADD, Operation.MEMBERS, Operation.REMOVE)) {
            int n = data.consumeInt(0, 5);
            for (int i = 0; i < n; i++) {
                h.fake.failNext(op, 1, data.pickValue(FAULTS).get());
            }
        }
        AddResult added = h.client.add(Harness.GROUP, person);
        boolean present = h.fake.membersOf(Harness.GROUP).contains(person);
        if (added.isSuccess()) {
            assertTrue(present, () -> added + " but the person is not in the group");
        }
        if (added instanceof Added a && a.verifiedByMembershipCheck()) {
            List<Call> calls = h.fake.calls();
            assertEquals(Operation.MEMBERS, calls.get(calls.size() - 1).operation(), "verified means a listing came last");
        }
        RemoveResult removed = h.client.remove(Harness.GROUP, person);
        if (removed.isSuccess()) {
            assertTrue(!h.fake.membersOf(Harness.GROUP).contains(person), () -> removed + " but the person is still in the group");
        }
    }
}
