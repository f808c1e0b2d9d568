package io.groupkit.testkit.telegrambot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.groupkit.testkit.telegrambot.BotApiClient.Reply;
import io.groupkit.testkit.time.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The updates queue: offsets, retention, long polls, 409s, allowed_updates, webhooks; links on the clock. */
@Timeout(20) // a guard against a hang only: every wait below ends on an event, never on time
class BotApiUpdatesTest {
    private static final long SG = -1001234567890L;

    private final VirtualTime time = VirtualTime.create();
    private final BotApiSimulator sim = BotApiSimulator.start(time).supergroup(SG, 1001, 1002);
    private final BotApiClient api = new BotApiClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<JsonNode> updates(String body) {
        List<JsonNode> out = new ArrayList<>();
        api.json("getUpdates", body).result().forEach(out::add);
        return out;
    }

    /** Each update's kind: its one field besides update_id. */
    private static List<String> kinds(List<JsonNode> updates) {
        List<String> out = new ArrayList<>();
        for (JsonNode u : updates) {
            u.fieldNames().forEachRemaining(f -> {
                if (!f.equals("update_id")) {
                    out.add(f);
                }
            });
        }
        return out;
    }

    private String link(String body) {
        return api.json("createChatInviteLink", body).result().path("invite_link").asText();
    }

    @Test
    void chatMemberOnlyWhenAllowedUpdatesListsIt() {
        String shared = link("{\"chat_id\":" + SG + "}");
        assertEquals(Optional.empty(), sim.joinByLink(shared, 1003)); // default allowed_updates: no chat_member
        List<JsonNode> first = updates("{\"allowed_updates\":[\"chat_member\",\"chat_join_request\",\"my_chat_member\"]}");
        assertEquals(List.of("my_chat_member"), kinds(first)); // the bot made an admin when the group was declared
        long next = first.get(0).path("update_id").asLong() + 1;
        assertEquals(Optional.empty(), sim.joinByLink(shared, 1004));
        sim.requestToJoin(SG, 1005);
        api.json("approveChatJoinRequest", "{\"chat_id\":" + SG + ",\"user_id\":1005}").result();
        sim.leave(SG, 1001);
        List<JsonNode> got = updates("{\"offset\":" + next + "}");
        assertEquals(List.of("chat_member", "chat_join_request", "chat_member", "chat_member"), kinds(got));
        JsonNode joined = got.get(0).path("chat_member");
        assertEquals(shared, joined.path("invite_link").path("invite_link").asText());
        assertEquals("left", joined.path("old_chat_member").path("status").asText());
        assertEquals("member", joined.path("new_chat_member").path("status").asText());
        assertEquals(1004, joined.path("from").path("id").asLong());
        assertEquals(1005, got.get(1).path("chat_join_request").path("user_chat_id").asLong());
        JsonNode approved = got.get(2).path("chat_member");
        assertTrue(approved.path("via_join_request").asBoolean());
        assertTrue(approved.path("invite_link").isMissingNode());
        assertEquals(sim.botId(), approved.path("from").path("id").asLong());
        for (int i = 1; i < got.size(); i++) {
            assertEquals(got.get(i - 1).path("update_id").asLong() + 1, got.get(i).path("update_id").asLong());
        }
        // where the bot is not an admin it is not told of others' changes
        sim.botNotAdmin(SG);
        sim.leave(SG, 1002);
        assertEquals(List.of("my_chat_member"), kinds(updates("{\"offset\":" + (got.get(3).path("update_id").asLong() + 1) + "}")));
    }

    @Test
    void callsThatChangeMembershipAreReportedWithTheBotAsPerformer() {
        long after = updates("{\"allowed_updates\":[\"chat_member\"]}").get(0).path("update_id").asLong() + 1;
        api.json("banChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1002}").result();
        api.json("unbanChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1002}").result();
        sim.removedBy(SG, 1001, 1002);
        List<JsonNode> got = updates("{\"offset\":" + after + "}");
        assertEquals(List.of("member>kicked", "kicked>left", "member>kicked"), got.stream().map(u -> u.path("chat_member"))
                .map(c -> c.path("old_chat_member").path("status").asText() + ">" + c.path("new_chat_member").path("status").asText())
                .toList());
        assertEquals(sim.botId(), got.get(0).path("chat_member").path("from").path("id").asLong());
        assertEquals(1002, got.get(2).path("chat_member").path("from").path("id").asLong());
    }

    @Test
    void offsetsConfirmAndLimitsCut() {
        sim.requestToJoin(SG, 1003).requestToJoin(SG, 1004).requestToJoin(SG, 1005);
        List<JsonNode> all = updates("{}");
        assertEquals(4, all.size()); // my_chat_member + 3 requests
        assertEquals(4, updates("{}").size()); // nothing confirmed without a higher offset
        long second = all.get(1).path("update_id").asLong();
        List<JsonNode> rest = updates("{\"offset\":" + second + ",\"limit\":1}");
        assertEquals(1, rest.size());
        assertEquals(second, rest.get(0).path("update_id").asLong());
        assertEquals(3, sim.updatesQueued()); // ids below the offset are forgotten
        List<JsonNode> last = updates("{\"offset\":-1}");
        assertEquals(all.get(3).path("update_id").asLong(), last.get(0).path("update_id").asLong());
        assertEquals(1, sim.updatesQueued()); // a negative offset drops all but the last
        assertEquals(1, api.query("getUpdates", "offset=0&limit=0").result().size()); // limit below 1 reads as 1
    }

    @Test
    void updatesOlderThanADayAreDropped() {
        sim.requestToJoin(SG, 1003);
        time.advance(Duration.ofHours(23));
        sim.requestToJoin(SG, 1004);
        assertEquals(3, sim.updatesQueued());
        time.advance(Duration.ofHours(1));
        assertEquals(1, updates("{}").size()); // the first two are a day old
        time.advance(Duration.ofHours(23));
        assertEquals(0, updates("{}").size());
    }

    @Test
    void aLongPollIsWokenByANewUpdate() {
        long after = updates("{}").get(0).path("update_id").asLong() + 1;
        CompletableFuture<Reply> poll = api.jsonAsync("getUpdates", "{\"offset\":" + after + ",\"timeout\":60}");
        awaitLongPolls(1);
        sim.requestToJoin(SG, 1003);
        JsonNode got = poll.join().result();
        assertEquals(1, got.size());
        assertEquals(1003, got.get(0).path("chat_join_request").path("from").path("id").asLong());
    }

    @Test
    void aSecondPollerTerminatesTheFirst() {
        // confirm the bot's my_chat_member first, so that the older poll finds nothing and waits
        long after = updates("{}").get(0).path("update_id").asLong() + 1;
        CompletableFuture<Reply> older = api.jsonAsync("getUpdates", "{\"offset\":" + after + ",\"timeout\":60}");
        awaitLongPolls(1);
        Reply newer = api.json("getUpdates", "{\"timeout\":0}");
        assertTrue(newer.json().path("ok").asBoolean());
        Reply first = older.join();
        assertEquals(409, first.status());
        assertEquals("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                first.description());
    }

    @Test
    void aWebhookGetsEachUpdateWithTheSecretRetryingUntil2xx() throws IOException, InterruptedException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger attempts = new AtomicInteger();
        List<String> secrets = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                JsonNode update = BotApiClient.JSON.readTree(exchange.getRequestBody().readAllBytes());
                synchronized (secrets) {
                    secrets.add(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"));
                }
                int n = attempts.incrementAndGet();
                int status = n <= 2 ? 500 : 200; // the first update is refused twice
                exchange.sendResponseHeaders(status, -1);
                if (status == 200) {
                    synchronized (delivered) {
                        delivered.add(update.path("update_id").asLong());
                    }
                    three.countDown();
                }
            }
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            assertTrue(api.json("setWebhook", "{\"url\":\"" + url + "\",\"secret_token\":\"s3cret_-X\","
                    + "\"drop_pending_updates\":true}").result().asBoolean());
            Reply conflict = api.json("getUpdates", "{}");
            assertEquals(409, conflict.status());
            assertEquals("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
                    + "the webhook first", conflict.description());
            sim.requestToJoin(SG, 1003).requestToJoin(SG, 1004).requestToJoin(SG, 1005);
            assertTrue(three.await(10, TimeUnit.SECONDS)); // a guard: deliveries end on the receiver's answers
            awaitDeliveries(3); // the sender counts a delivery once it has read the answer
            assertEquals(5, attempts.get());
            synchronized (secrets) {
                assertTrue(secrets.stream().allMatch("s3cret_-X"::equals), secrets.toString());
            }
            synchronized (delivered) {
                assertEquals(delivered.get(0) + 1, delivered.get(1));
                assertEquals(delivered.get(1) + 1, delivered.get(2));
            }
            assertEquals(3, sim.webhookDeliveries());
            assertEquals(0, sim.updatesQueued());
            JsonNode info = api.json("getWebhookInfo", "{}").result();
            assertEquals(url, info.path("url").asText());
            assertEquals("Wrong response from the webhook: 500", info.path("last_error_message").asText());
            api.json("deleteWebhook", "{}").result();
            assertEquals(0, updates("{}").size());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void linksHaveLimitsExpiryRevocationAndApproval() {
        String once = link("{\"chat_id\":" + SG + ",\"member_limit\":1}");
        String hour = link("{\"chat_id\":" + SG + ",\"expire_date\":" + (time.now().getEpochSecond() + 3600) + "}");
        String revoked = link("{\"chat_id\":" + SG + "}");
        String approval = link("{\"chat_id\":" + SG + ",\"creates_join_request\":true,\"name\":\"ask\"}");
        api.json("revokeChatInviteLink", "{\"chat_id\":" + SG + ",\"invite_link\":\"" + revoked + "\"}").result();

        assertEquals(Optional.empty(), sim.joinByLink(once, 1003));
        assertEquals(Optional.of("INVITE_HASH_EXPIRED"), sim.joinByLink(once, 1004)); // used up
        assertEquals(1, sim.link(once).orElseThrow().usage());
        assertEquals(Optional.of("USER_ALREADY_PARTICIPANT"), sim.joinByLink(hour, 1001));
        assertEquals(Optional.of("INVITE_HASH_EXPIRED"), sim.joinByLink(revoked, 1004));
        assertEquals(Optional.of("INVITE_HASH_INVALID"), sim.joinByLink("https://t.me/+unknown", 1004));
        time.advance(Duration.ofSeconds(3599));
        assertEquals(Optional.empty(), sim.joinByLink(hour, 1004));
        time.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("INVITE_HASH_EXPIRED"), sim.joinByLink(hour, 1005)); // expired on the clock

        assertEquals(Optional.of("INVITE_REQUEST_SENT"), sim.joinByLink(approval, 1005));
        assertEquals(List.of(1005L), sim.pendingRequests(SG));
        assertFalse(sim.members(SG).contains(1005L));
        JsonNode request = updates("{\"offset\":-1}").get(0).path("chat_join_request");
        assertEquals(approval, request.path("invite_link").path("invite_link").asText());
        assertEquals(1, request.path("invite_link").path("pending_join_request_count").asInt());
        api.json("approveChatJoinRequest", "{\"chat_id\":" + SG + ",\"user_id\":1005}").result();
        assertTrue(sim.members(SG).contains(1005L));
        assertEquals(1, sim.link(approval).orElseThrow().usage());
        assertEquals(Optional.of("ask"), sim.link(approval).orElseThrow().name());
    }

    @Test
    void aLongPollWithNothingNewEndsAtItsTimeoutEmpty() {
        long after = updates("{}").get(0).path("update_id").asLong() + 1;
        assertEquals(0, updates("{\"offset\":" + after + ",\"timeout\":1}").size());
    }

    @Test
    void closingEndsAWaitingPoll() {
        long after = updates("{}").get(0).path("update_id").asLong() + 1;
        CompletableFuture<Reply> poll = api.jsonAsync("getUpdates", "{\"offset\":" + after + ",\"timeout\":60}");
        awaitLongPolls(1);
        sim.close();
        assertTrue(poll.handle((reply, failure) -> true).join()); // answered or cut, but not left hanging
    }

    @Test
    void aRefusedConnectionKeepsTheUpdateUntilAWebhookTakesIt() throws IOException, InterruptedException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        api.json("setWebhook", "{\"url\":\"http://127.0.0.1:" + closedPort + "/hook\"}").result();
        while (!api.json("getWebhookInfo", "{}").result().path("last_error_message").asText().equals("Connection refused")) {
            if (Thread.interrupted()) {
                throw new AssertionError("no delivery was attempted");
            }
        }
        assertEquals(1, sim.updatesQueued()); // the bot's my_chat_member, kept
        assertEquals(0, sim.webhookDeliveries());
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CountDownLatch got = new CountDownLatch(1);
        List<String> secrets = new ArrayList<>();
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                secrets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token")));
                exchange.sendResponseHeaders(204, -1);
                got.countDown();
            }
        });
        receiver.start();
        try {
            api.json("setWebhook", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}").result();
            assertTrue(got.await(10, TimeUnit.SECONDS)); // a guard only
            awaitDeliveries(1);
            assertEquals(List.of("null"), secrets); // no secret set, no header
            assertEquals(0, api.json("getWebhookInfo", "{}").result().path("pending_update_count").asInt(-1));
        } finally {
            receiver.stop(0);
        }
    }

    private void awaitDeliveries(int n) {
        while (sim.webhookDeliveries() < n) {
            if (Thread.interrupted()) { // the class's timeout
                throw new AssertionError("fewer deliveries than " + n);
            }
            Thread.onSpinWait();
        }
    }

    /** Waits for the simulator to hold the polls: an event, not a time (the class's timeout guards a hang). */
    private void awaitLongPolls(int n) {
        while (sim.longPollsWaiting() < n) {
            if (Thread.interrupted()) { // the class's timeout
                throw new AssertionError("no long poll is waiting");
            }
            Thread.onSpinWait();
        }
    }
}
