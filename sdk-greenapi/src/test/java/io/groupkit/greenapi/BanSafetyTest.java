package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Added;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupCreated;
import io.groupkit.core.Member;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Numbers and instances are kept from being banned, on by default. */
@Order(4)
class BanSafetyTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aNumberWithoutWhatsappIsNeverSentToTheGroup() {
        f.instance.withoutWhatsapp(Fixture.digits(1));
        assertInstanceOf(NotRegistered.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        assertEquals(0, f.sim.requests("addGroupParticipant").size());
        assertInstanceOf(NotRegistered.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        assertEquals(1, f.sim.requests("checkWhatsapp").size(), "the answer is cached");
    }

    @Test
    void aGroupWithANumberWithoutWhatsappIsNeverCreated() {
        f.instance.withoutWhatsapp(Fixture.digits(2));
        NotRegistered r = assertInstanceOf(NotRegistered.class,
                f.client.createGroup("Team", List.of(Fixture.person(1), Fixture.person(2))));
        assertTrue(r.detail().description().contains("1 of the 2"), r.detail().description());
        assertEquals(0, f.sim.requests("createGroup").size());
    }

    @Test
    void newGroupsAreFiveMinutesApart() {
        assertInstanceOf(GroupCreated.class, f.client.createGroup("One", List.of(Fixture.person(1))));
        GroupCreated second = assertInstanceOf(GroupCreated.class, f.client.createGroup("Two", List.of(Fixture.person(2))));
        List<GreenApiSimulator.Request> creates = f.sim.requests("createGroup");
        assertEquals(2, creates.size());
        assertTrue(creates.get(1).atNanos() - creates.get(0).atNanos() >= Duration.ofMinutes(5).toNanos());
        assertTrue(f.instance.members(second.group().key()).contains(Fixture.digits(2) + "@c.us"));
    }

    @Test
    void aYellowCardStopsTheBulkRun() {
        f.instance.state("yellowCard");
        List<Member> people = IntStream.range(0, 20).<Member>mapToObj(Fixture::person).toList();
        BulkReport report = f.client.addAll(Fixture.GROUP, people);
        SpamLimited stop = assertInstanceOf(SpamLimited.class, report.stoppedBy().orElseThrow());
        assertTrue(stop.remedy().contains("rest the account"), stop.remedy());
        assertEquals(0, f.sim.requests("addGroupParticipant").size());
        assertEquals(20, report.total());
        assertTrue(report.notAttempted().size() >= 16);
    }

    @Test
    void aBlockedInstanceIsSpamLimited() {
        f.instance.state("blocked");
        assertInstanceOf(SpamLimited.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
    }

    @Test
    void aLoggedOutInstanceIsUnauthorized() {
        f.instance.state("notAuthorized");
        assertInstanceOf(Unauthorized.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
    }

    @Test
    void aStartingInstanceIsWaitedForThenUsed() {
        f.instance.state("starting");
        assertInstanceOf(Unavailable.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        assertEquals(4, f.sim.requests("getStateInstance").size(), "retried with backoff");
        f.instance.state("authorized");
        assertInstanceOf(Added.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
    }
}
