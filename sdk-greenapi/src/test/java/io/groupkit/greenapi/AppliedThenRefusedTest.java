package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Members;
import io.groupkit.testkit.greenapi.GreenApiSimulator.Fault;
import org.junit.jupiter.api.Test;

/**
 * A gateway's 502 page for an add WhatsApp did make: the retry answers {@code addParticipant:false}
 * (the person is in already). Group data read before the first attempt says "not a member", so
 * the diagnosis must read it again — or it reports a person who is in the group as not added.
 */
class AppliedThenRefusedTest {
    private static final String NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    @Test
    void aRefusalAfterAnAttemptThatMayHaveAppliedReadsTheGroupAgain() {
        try (Fixture f = new Fixture()) {
            // The group's data is in the cache before the add (as a pre-check or an earlier call leaves it).
            assertTrue(f.client.members(Fixture.GROUP) instanceof Members);
            f.instance.failNext("addGroupParticipant", 1, Fault.answerAfterApplying(502, NGINX_502));
            AddResult r = f.client.add(Fixture.GROUP, Fixture.person(5));
            assertTrue(r.isSuccess(), "the person is in the group: " + r);
            assertTrue(f.instance.members(Fixture.GROUP_ID).contains(Fixture.digits(5) + "@c.us"));
            assertEquals(2, f.sim.requests("addGroupParticipant").size(), "the 502 was retried once");
        }
    }

    @Test
    void aFirstAttemptsRefusalStillUsesTheCachedData() {
        try (Fixture f = new Fixture()) {
            assertTrue(f.client.members(Fixture.GROUP) instanceof Members);
            int before = f.sim.requests("getGroupData").size();
            f.instance.notAdminOf(Fixture.GROUP_ID);
            AddResult r = f.client.add(Fixture.GROUP, Fixture.person(6));
            assertTrue(!r.isSuccess(), r::toString);
            assertEquals(before, f.sim.requests("getGroupData").size(), "no extra read on a first attempt's refusal");
        }
    }
}
