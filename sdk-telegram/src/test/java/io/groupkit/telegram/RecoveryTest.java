package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLink;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.telegram.ServerFault;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service message and failure the server may send: the documented recovery happens and the
 * call reaches the method exactly once.
 */
@Order(1)
class RecoveryTest {

    static Stream<Arguments> recoverable() {
        return Stream.of(
                Arguments.of("bad_server_salt: adopt the salt and resend", new ServerFault.BadServerSalt()),
                Arguments.of("bad_msg_notification 16: resync the clock and resend", new ServerFault.BadMsgNotification(16)),
                Arguments.of("bad_msg_notification 17: resync the clock and resend", new ServerFault.BadMsgNotification(17)),
                Arguments.of("bad_msg_notification 32: raise the seqno and resend", new ServerFault.BadMsgNotification(32)),
                Arguments.of("bad_msg_notification 33: lower the seqno and resend", new ServerFault.BadMsgNotification(33)),
                Arguments.of("bad_msg_notification 48: resend", new ServerFault.BadMsgNotification(48)),
                Arguments.of("an answer in a container with an update and an ack", new ServerFault.ContainerWithUpdates()),
                Arguments.of("a gzip-packed answer", new ServerFault.GzipAnswer()),
                Arguments.of("wrong key, corrupted and cut-short packets, an update and a duplicate first",
                        new ServerFault.NoiseFirst()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recoverable")
    void theCallCompletesExactlyOnce(String name, ServerFault fault) {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100)); // settles salt and session first
            f.sim.fault(fault);
            AddResult r = f.client.add(f.basic, f.known(101));
            assertInstanceOf(Added.class, r, name);
            assertEquals(2, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(), "each add reached the method once");
            assertTrue(f.sim.members(Fixture.CHAT).contains(101L));
            assertEquals(1, f.sim.connectionsAccepted(), "no reconnect was needed");
        }
    }

    @Test
    void theFirstCallAdoptsTheServerSaltAndIsWrappedInInitConnection() {
        try (Fixture f = new Fixture()) {
            // A Telethon session carries no salt: the server answers bad_server_salt first.
            assertInstanceOf(Added.class, f.client.add(f.basic, Fixture.person(100)));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            assertEquals(1, f.sim.initConnections(), "initConnection once per connection");
        }
    }

    /** An rpc_error may come before the server took initConnection: the wrapper stays until a call succeeds. */
    @Test
    void theInitConnectionWrapperStaysUntilACallSucceeds() {
        try (Fixture f = new Fixture()) {
            f.sim.fault(new ServerFault.RpcError(400, "CHAT_ADMIN_REQUIRED"));
            f.client.add(f.basic, f.known(101));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(102)));
            assertEquals(2, f.sim.initConnections(), "wrapped again after the refused first call");
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(103)));
            assertEquals(2, f.sim.initConnections(), "not again after a success");
        }
    }

    /** A server that lost the connection's layer answers CONNECTION_NOT_INITED: the call is wrapped and sent once more. */
    @Test
    void connectionNotInitedWrapsTheCallAgainAndSendsIt() {
        try (Fixture f = new Fixture()) {
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            f.sim.fault(new ServerFault.RpcError(400, "CONNECTION_NOT_INITED"));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(102)));
            assertEquals(2, f.sim.initConnections());
            assertEquals(2, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(), "each add ran once");
            f.sim.fault(new ServerFault.RpcError(400, "CONNECTION_LAYER_INVALID"));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(103)));
            assertEquals(3, f.sim.initConnections());
        }
    }

    @Test
    void aClientClockTenMinutesBehindIsCorrectedFromTheServer() {
        try (Fixture f = new Fixture()) {
            f.sim.clockAhead(Duration.ofMinutes(10));
            assertInstanceOf(Added.class, f.client.add(f.basic, Fixture.person(100)));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            assertEquals(2, f.sim.members(Fixture.CHAT).size() - 1);
        }
    }

    @Test
    void aClientClockTenMinutesAheadIsCorrectedToo() {
        try (Fixture f = new Fixture()) {
            f.sim.clockAhead(Duration.ofMinutes(-10));
            AddResult first = f.client.add(f.basic, Fixture.person(100));
            assertInstanceOf(Added.class, first, first::toString);
        }
    }

    /**
     * The client's clock drifts ahead of the server's during a session: its ids were accepted,
     * then one is refused as too high (17). Corrected back, new ids would be lower than those
     * accepted, which a server refuses (16): the client begins a new session instead.
     */
    @Test
    void aClockCorrectedBackwardsBeginsANewSessionInsteadOfSendingLowerIds() {
        try (Fixture f = new Fixture()) {
            f.sim.clockAhead(Duration.ofSeconds(-25)); // the client is 25 s ahead: still accepted
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            f.sim.clockAhead(Duration.ofSeconds(-60)); // now a minute ahead: refused as too high
            AddResult r = f.client.add(f.basic, f.known(102));
            assertInstanceOf(Added.class, r, r::toString);
            assertEquals(1, f.sim.connectionsAccepted(), "the same connection, a new session");
        }
    }

    /** A server clock two minutes ahead and no new_session_created: the answers are followed, not dropped. */
    @Test
    void aServerClockAheadWithoutNewSessionCreatedIsFollowed() {
        try (Fixture f = new Fixture()) {
            f.sim.silentAboutNewSessions().clockAhead(Duration.ofSeconds(120));
            AddResult r = f.client.add(f.basic, f.known(101));
            assertInstanceOf(Added.class, r, r::toString);
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(102)));
            assertEquals(1, f.sim.connectionsAccepted());
        }
    }

    /**
     * The server closes an idle connection between two calls: the next add goes on a new
     * connection, surely unsent before — not written into the closed one and reported as maybe
     * done (which would cost a membership check and an Indeterminate).
     */
    @Test
    void aConnectionTheServerClosedBetweenCallsIsNoticedBeforeTheNextCall() throws Exception {
        try (Fixture f = new Fixture()) {
            assertInstanceOf(Added.class, f.client.add(f.supergroup, f.known(101)));
            f.sim.dropConnections();
            Thread.sleep(200); // real time: the server's close reaches the client's socket
            AddResult r = f.client.add(f.supergroup, f.known(102));
            assertInstanceOf(Added.class, r, r::toString);
            assertEquals(java.util.List.of(), f.sim.calls().stream().filter("channels.getParticipant"::equals).toList(),
                    "no membership check was needed");
            assertEquals(2, f.sim.calls().stream().filter("channels.inviteToChannel"::equals).count());
            assertEquals(2, f.sim.connectionsAccepted());
        }
    }

    @Test
    void anUnknownAuthKeyIsUnauthorized() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.TransportError(-404));
            AddResult r = f.client.add(f.basic, f.known(101));
            assertInstanceOf(Unauthorized.class, r);
            assertTrue(r.remedy().contains("Log in again"), r.remedy());
        }
    }

    @Test
    void aWrongDataCentreIsUnsupportedAndSaysWhatToCheck() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.TransportError(-444));
            AddResult r = f.client.add(f.basic, f.known(101));
            assertEquals(OutcomeKind.UNSUPPORTED, r.kind());
            assertEquals("TRANSPORT_444", r.detail().code());
            assertTrue(r.remedy().contains("data centre"), r.remedy());
        }
    }

    @Test
    void transportFloodIsRateLimitedAndRetriedOnANewConnection() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.TransportError(-429));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)), "the retry succeeds");
            assertEquals(2, f.sim.connectionsAccepted());
        }
    }

    @Test
    void inABasicGroupALostAnswerIsSettledByListingTheGroup() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.DropAfterApplying());
            Added added = assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            assertTrue(added.verifiedByMembershipCheck(), "messages.getFullChat listed them");
            assertTrue(f.sim.members(Fixture.CHAT).contains(101L), "the server did add them");
            assertEquals(2, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(), "not resent");
            assertEquals(1, f.sim.calls().stream().filter("messages.getFullChat"::equals).count());
        }
    }

    @Test
    void aLostAnswerWhoseListingFailsTooIsIndeterminateNeverAFalseAdded() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.DropAfterApplying());
            f.sim.fault(new ServerFault.RpcError(400, "CHAT_ADMIN_REQUIRED"));
            AddResult r = f.client.add(f.basic, f.known(101));
            assertInstanceOf(Indeterminate.class, r);
            assertTrue(f.sim.members(Fixture.CHAT).contains(101L), "the server did add them");
            assertEquals(2, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(), "not blindly resent");
        }
    }

    @Test
    void inASupergroupALostAnswerIsSettledByAskingAboutThePerson() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.supergroup, f.known(100));
            f.sim.fault(new ServerFault.DropAfterApplying());
            Added added = assertInstanceOf(Added.class, f.client.add(f.supergroup, f.known(101)));
            assertTrue(added.verifiedByMembershipCheck(), "channels.getParticipant found them");
            assertEquals(2, f.sim.calls().stream().filter("channels.inviteToChannel"::equals).count(), "not resent");
            assertFalse(f.sim.calls().contains("channels.getParticipants"),
                    "a supergroup of any size is never listed to find one person");
            f.sim.fault(new ServerFault.DropUnapplied());
            assertInstanceOf(Added.class, f.client.add(f.supergroup, f.known(102)),
                    "absent after the lost call, so the add was safely made again");
            assertEquals(3, f.sim.calls().stream().filter("channels.inviteToChannel"::equals).count(),
                    "the dropped call never reached the method; its retry did, once");
            assertTrue(f.sim.calls().contains("channels.getParticipant"));
        }
    }

    @Test
    void aConnectionDroppedBeforeTheServerActedIsListedAbsentAndTheAddMadeOnce() {
        // The client cannot tell the two drops apart: the listing does, and only then is the add sent again.
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.DropUnapplied());
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            assertEquals(2, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(),
                    "the dropped call never reached the method; its retry did, once");
            assertTrue(f.sim.calls().contains("messages.getFullChat"));
            assertAddsAfterwards(f, 102);
        }
    }

    @Test
    void aLostAnswerToAReadIsRetriedOnANewConnection() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.DropAfterApplying());
            assertInstanceOf(InviteLink.class, f.client.inviteLink(f.basic));
            assertEquals(2, f.sim.connectionsAccepted());
            assertEquals(2, f.sim.initConnections(), "the new connection is initialised again");
        }
    }

    @Test
    void aSilentServerTimesOutAndTheNextCallReconnects() {
        try (Fixture f = new Fixture(b -> b.requestTimeout(Duration.ofMillis(300)))) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.Silence());
            Added r = assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            assertTrue(r.verifiedByMembershipCheck(), "the silent server had made the add: the listing shows it");
            assertEquals(2, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(), "not resent");
            assertAddsAfterwards(f, 102);
        }
    }

    @Test
    void anUnrepairableRejectionIsRetriedAndReachesTheMethodOnce() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.BadMsgNotification(64));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            assertEquals(2, f.sim.calls().stream().filter("messages.addChatUser"::equals).count());
        }
    }

    @Test
    void aServerThatRejectsEveryResendGivesUpWithoutLooping() {
        try (Fixture f = new Fixture(b -> b, p -> p.retry(RetryPolicy.builder().maxAttempts(1).build()))) {
            f.client.add(f.basic, Fixture.person(100));
            for (int i = 0; i < 10; i++) {
                f.sim.fault(new ServerFault.BadServerSalt());
            }
            AddResult r = f.client.add(f.basic, f.known(101));
            assertEquals("NOT_SENT", r.detail().code());
            assertTrue(r.retryable(), "nothing happened: a later call may succeed");
            assertEquals(1, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(), "only the first add");
        }
    }

    @Test
    void anIdleConnectionIsPingedAndADeadOneReplacedBeforeAnAdd() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.time.advance(Duration.ofMinutes(2));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)), "ping, pong, add");
            assertEquals(1, f.sim.connectionsAccepted());
            f.sim.dropConnections();
            f.time.advance(Duration.ofMinutes(2));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(102)),
                    "the dead connection is found by the ping, so the add is sent once, on a new one");
            assertEquals(2, f.sim.connectionsAccepted());
        }
    }

    @Test
    void theAbridgedTransportWorksToo() {
        try (Fixture f = new Fixture(b -> b.transport(TelegramTransport.ABRIDGED))) {
            assertInstanceOf(Added.class, f.client.add(f.supergroup, Fixture.person(100)));
            f.sim.fault(new ServerFault.GzipAnswer());
            assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup));
        }
    }

    @Test
    void floodWaitWithinTheBoundIsWaitedOutOnTheClock() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.RpcError(420, "FLOOD_WAIT_31"));
            Duration before = f.time.elapsed();
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            assertTrue(f.time.elapsed().minus(before).compareTo(Duration.ofSeconds(31)) >= 0, "waited 31 s of virtual time");
        }
    }

    @Test
    void floodWaitAboveTheBoundIsRateLimitedWithTheWait() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.RpcError(420, "FLOOD_WAIT_3600"));
            AddResult r = f.client.add(f.basic, f.known(101));
            RateLimited limited = assertInstanceOf(RateLimited.class, r);
            assertEquals(Duration.ofHours(1), limited.retryAfter().orElseThrow());
            assertEquals(1, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(),
                    "the refused add never reached the method, and was not retried");
        }
    }

    @Test
    void aFloodWaitHoldsBackTheSpacingNotTheDailyBudget() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, f.known(100));
            f.sim.fault(new ServerFault.RpcError(420, "FLOOD_WAIT_12"));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)));
            Duration before = f.time.elapsed();
            for (long n = 102; n < 106; n++) {
                assertInstanceOf(Added.class, f.client.add(f.basic, f.known(n)));
            }
            Duration took = f.time.elapsed().minus(before);
            assertTrue(took.compareTo(Duration.ofMinutes(3)) < 0,
                    "four adds at one per 30 s, not one per half hour of the daily cap: " + took);
        }
    }

    @Test
    void addsArePacedToOnePerThirtySecondsAfterABurstOfThree() {
        try (Fixture f = new Fixture()) {
            for (long n = 100; n < 103; n++) {
                f.client.add(f.basic, f.known(n));
            }
            Duration afterBurst = f.time.elapsed();
            assertTrue(afterBurst.compareTo(Duration.ofSeconds(1)) < 0, "the burst waits for nothing: " + afterBurst);
            for (long n = 103; n < 107; n++) {
                f.client.add(f.basic, f.known(n));
            }
            Duration spaced = f.time.elapsed().minus(afterBurst);
            assertTrue(spaced.compareTo(Duration.ofSeconds(119)) >= 0 && spaced.compareTo(Duration.ofSeconds(125)) < 0,
                    "four more adds take four intervals of 30 s: " + spaced);
        }
    }

    private static void assertAddsAfterwards(Fixture f, long person) {
        assertInstanceOf(Added.class, f.client.add(f.basic, f.known(person)), "the client recovers");
    }
}
