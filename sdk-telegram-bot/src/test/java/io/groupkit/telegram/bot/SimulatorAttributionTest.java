package io.groupkit.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Done;
import io.groupkit.core.Member;
import io.groupkit.core.NotAdded;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.InvitationState;
import io.groupkit.core.events.Invitations;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The attribution claim against the Bot API simulator: a bulk "add" of 50 through the bot
 * gives 50 personal links and 50 invitations; 20 joins through them are 20 joins by invitation
 * (each with its own), 30 stay pending, and the 20 used links are revoked. The same script
 * through a webhook gives the same events; a post without the right secret delivers nothing.
 */
class SimulatorAttributionTest {
    private static final Executor DIRECT = Runnable::run;
    private static final Duration TURN = Duration.ofSeconds(1);
    private static final int PEOPLE = 50;
    private static final int JOINERS = 20;
    private static final String SECRET = "wh-Secret_123";

    /** What both paths must agree on: kind, person, how, and whether the link is that person's own. */
    record Seen(EventKind kind, Member member, Optional<JoinHow> how, boolean ownLink) {
    }

    private static Map<Member, String> addAll(SimFixture f) {
        List<Member> people = new ArrayList<>();
        for (int n = 0; n < PEOPLE; n++) {
            people.add(SimFixture.person(n));
        }
        BulkReport report = f.client.addAll(SimFixture.GROUP, people);
        assertEquals(PEOPLE, report.entries().size(), () -> "counts: " + report.counts());
        Map<Member, String> links = new HashMap<>();
        report.entries().forEach(e -> {
            NotAdded refused = assertInstanceOf(NotAdded.class, e.outcome(), () -> "a bot cannot add: " + e.outcome());
            links.put(e.member(), refused.inviteLink().orElseThrow(() -> new AssertionError("no link for " + e.member()))
                    .url());
        });
        assertEquals(PEOPLE, links.values().stream().distinct().count(), "everyone has their own link");
        for (String url : links.values()) {
            BotApiSimulator.LinkInfo info = f.sim.link(url).orElseThrow();
            assertEquals(1, info.memberLimit());
            assertTrue(info.name().orElseThrow().startsWith("GroupKit ·"), info::toString);
            assertFalse(info.revoked());
        }
        assertEquals(PEOPLE, report.entries().stream().filter(e -> f.client.invitations(f.store).ofPerson(e.member())
                .size() == 1).count(), "one invitation recorded per person");
        return links;
    }

    /**
     * The script: 20 people open their links, the first then leaves, someone asks to join, and
     * someone joins through the group's shared link (which is no one's: it stays unrevoked).
     *
     * @return the shared link
     */
    private static String script(SimFixture f, Map<Member, String> links) {
        for (int n = 0; n < JOINERS; n++) {
            assertEquals(Optional.empty(), f.sim.joinByLink(links.get(SimFixture.person(n)), SimFixture.id(n)));
        }
        f.sim.leave(SimFixture.CHAT, SimFixture.id(0));
        f.sim.requestToJoin(SimFixture.CHAT, SimFixture.id(70));
        String shared = ((io.groupkit.core.InviteLink) f.client.inviteLink(SimFixture.GROUP)).url();
        assertEquals(Optional.empty(), f.sim.joinByLink(shared, SimFixture.id(80)));
        return shared;
    }

    private static List<Seen> seen(List<MembershipEvent> events, Map<Member, String> links) {
        return events.stream().map(e -> new Seen(e.kind(), e.member(),
                e instanceof Joined j ? Optional.of(j.how()) : Optional.empty(),
                e instanceof Joined j && j.link().equals(Optional.ofNullable(links.get(e.member()))))).toList();
    }

    private static List<Seen> expected() {
        List<Seen> out = new ArrayList<>();
        for (int n = 0; n < JOINERS; n++) {
            out.add(new Seen(EventKind.JOINED, SimFixture.person(n), Optional.of(JoinHow.INVITE_LINK), true));
        }
        out.add(new Seen(EventKind.LEFT, SimFixture.person(0), Optional.empty(), false));
        out.add(new Seen(EventKind.JOIN_REQUESTED, SimFixture.person(70), Optional.empty(), false));
        out.add(new Seen(EventKind.JOINED, SimFixture.person(80), Optional.of(JoinHow.INVITE_LINK), false));
        return out;
    }

    @Test
    void fiftyRefusedAddsTwentyJoinsByInvitationThirtyPendingUsedLinksRevoked() {
        try (SimFixture f = new SimFixture()) {
            Map<Member, String> links = addAll(f);
            List<MembershipEvent> events = new CopyOnWriteArrayList<>();
            String shared;
            try (MembershipWatch w = f.client.watch().groups(SimFixture.GROUP).store(f.store).executor(DIRECT)
                    .interval(TURN).owner("a").start(events::add)) {
                f.time.advance(TURN); // the first turn starts from now and asks for chat_member updates
                shared = script(f, links);
                for (int i = 0; i < 4; i++) {
                    f.time.advance(TURN);
                }
            }
            assertEquals(expected(), seen(events, links));
            assertFalse(f.sim.link(shared).orElseThrow().revoked(), "the shared link is no one's: never revoked");
            for (MembershipEvent e : events) {
                if (e instanceof Joined j && links.containsKey(j.member())) {
                    assertTrue(j.byInvitation(), () -> "joined by invitation: " + j);
                    Invitation used = j.invitation().orElseThrow();
                    assertEquals(j.member(), used.member());
                    assertEquals(links.get(j.member()), used.link(), "the person's own invitation");
                }
            }
            Invitations invitations = f.client.invitations(f.store);
            Map<InvitationState, Integer> counts = Invitations.count(invitations.toGroup(SimFixture.GROUP), f.time.now());
            assertEquals(Map.of(InvitationState.PENDING, PEOPLE - JOINERS, InvitationState.JOINED, JOINERS,
                    InvitationState.EXPIRED, 0), counts);
            for (int n = 0; n < PEOPLE; n++) {
                boolean joined = n < JOINERS;
                assertEquals(joined, f.sim.link(links.get(SimFixture.person(n))).orElseThrow().revoked(),
                        "revoked exactly when used: person " + n);
            }
        }
    }

    @Test
    void theWebhookDeliversTheSameEventsAndRefusesAWrongSecret() throws Exception {
        List<Seen> polled;
        try (SimFixture f = new SimFixture()) {
            Map<Member, String> links = addAll(f);
            List<MembershipEvent> events = new CopyOnWriteArrayList<>();
            try (MembershipWatch w = f.client.watch().groups(SimFixture.GROUP).store(f.store).executor(DIRECT)
                    .interval(TURN).owner("a").start(events::add)) {
                f.time.advance(TURN);
                script(f, links);
                for (int i = 0; i < 4; i++) {
                    f.time.advance(TURN);
                }
            }
            polled = seen(events, links);
        }
        try (SimFixture f = new SimFixture()) {
            List<MembershipEvent> events = new CopyOnWriteArrayList<>();
            Semaphore arrived = new Semaphore(0);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/tg", f.client.webhook(SECRET, e -> {
                events.add(e);
                arrived.release();
            }));
            server.start();
            try {
                String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tg";
                assertInstanceOf(Done.class, f.client.setWebhook(url, SECRET));
                Map<Member, String> links = addAll(f);
                String shared = script(f, links);
                int want = expected().size();
                assertTrue(arrived.tryAcquire(want, 10, TimeUnit.SECONDS), () -> "pushed so far: " + events);
                assertEquals(polled, seen(events, links), "the webhook and getUpdates deliver the same events");

                HttpClient http = HttpClient.newHttpClient();
                // Each post a different update of a different person: a refused one that got through
                // would show as its own event (not be taken for a repeat of another).
                List<Optional<String>> secrets = List.of(Optional.of("wrong"), Optional.of(SECRET + "x"),
                        Optional.<String>empty(), Optional.of(SECRET));
                for (int i = 0; i < secrets.size(); i++) {
                    long user = 555_000_090L + i;
                    String update = "{\"update_id\":" + (990 + i) + ",\"chat_join_request\":{\"chat\":{\"id\":"
                            + SimFixture.CHAT + ",\"type\":\"supergroup\"},\"from\":{\"id\":" + user
                            + ",\"is_bot\":false,\"first_name\":\"X\"},\"user_chat_id\":" + user + ",\"date\":1700000000}}";
                    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(url))
                            .POST(HttpRequest.BodyPublishers.ofString(update));
                    secrets.get(i).ifPresent(s -> post.header(TelegramBotWebhook.SECRET_HEADER, s));
                    int status = http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    assertEquals(secrets.get(i).equals(Optional.of(SECRET)) ? 200 : 401, status, "post " + i);
                }
                // The refused posts delivered nothing: the only event after the script is the accepted post's.
                assertEquals(want + 1, events.size(), () -> "events: " + events);
                assertEquals(Member.userId(555_000_093L), events.get(want).member());
                for (int n = 0; n < PEOPLE; n++) {
                    assertEquals(n < JOINERS, f.sim.link(links.get(SimFixture.person(n))).orElseThrow().revoked(),
                            "revoked exactly when used, on the webhook path too: person " + n);
                }
                assertFalse(f.sim.link(shared).orElseThrow().revoked(), "the shared link is no one's: never revoked");
            } finally {
                server.stop(0);
            }
        }
    }
}
