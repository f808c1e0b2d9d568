package io.groupkit.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.AccessDeniedExtend;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Done;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Removed;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The exact request of every operation, and every documented error, against WireMock. */
@Order(2)
class WireTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();

    private Bitrix24Client client() {
        return Fixture.wireClient(wm.baseUrl(), time);
    }

    private static String path(String method) {
        return Fixture.wirePath(method);
    }

    private static void answers(String method, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            String next = i + 1 < responses.length ? "answer " + (i + 1) : state;
            wm.stubFor(post(urlEqualTo(path(method))).inScenario(method).whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
        }
    }

    private static ResponseDefinitionBuilder error(int status, String code, String description) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}");
    }

    private static int requests(String method) {
        return wm.findAll(postRequestedFor(urlEqualTo(path(method)))).size();
    }

    // ---- requests ----

    @Test
    void messengerAddSendsUsersAsAnArray() {
        answers("im.chat.user.add", okJson("{\"result\":true,\"time\":{\"operating\":0.1}}"));
        answers("im.chat.user.list", okJson("{\"result\":[1,7]}"));
        assertInstanceOf(Added.class, client().add(Fixture.IM, Member.userId(7)));
        wm.verify(postRequestedFor(urlEqualTo(path("im.chat.user.add")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", com.github.tomakehurst.wiremock.client.WireMock.matching("GroupKit/.*"))
                .withRequestBody(equalToJson("{\"CHAT_ID\":501,\"USERS\":[7]}")));
    }

    @Test
    void crmAddNamesTheItemAndTheUser() {
        answers("imopenlines.crm.chat.user.add", okJson("{\"result\":777}"));
        Added a = assertInstanceOf(Added.class, client().add(Fixture.DEAL.withChat(777), Member.userId(7)));
        assertEquals("chat 777", a.detail().description());
        wm.verify(postRequestedFor(urlEqualTo(path("imopenlines.crm.chat.user.add"))).withRequestBody(equalToJson(
                "{\"CRM_ENTITY_TYPE\":\"deal\",\"CRM_ENTITY\":42,\"USER_ID\":7,\"CHAT_ID\":777}")));
    }

    @Test
    void removalsAndListing() {
        answers("im.chat.user.delete", okJson("{\"result\":true}"));
        answers("imopenlines.crm.chat.user.delete", okJson("{\"result\":true}"));
        answers("imopenlines.crm.chat.getLastId", okJson("{\"result\":777}"));
        answers("im.chat.user.list", okJson("{\"result\":[1,7,9]}"));
        Bitrix24Client c = client();
        assertInstanceOf(Removed.class, c.remove(Fixture.IM, Member.userId(7)));
        assertInstanceOf(Removed.class, c.remove(Fixture.DEAL, Member.userId(7)));
        Members m = assertInstanceOf(Members.class, c.members(Fixture.DEAL));
        assertEquals(List.of("1", "7", "9"), m.members().stream().map(g -> g.member().value()).toList());
        wm.verify(postRequestedFor(urlEqualTo(path("im.chat.user.delete"))).withRequestBody(equalToJson(
                "{\"CHAT_ID\":501,\"USER_ID\":7}")));
        wm.verify(postRequestedFor(urlEqualTo(path("imopenlines.crm.chat.user.delete"))).withRequestBody(equalToJson(
                "{\"CRM_ENTITY_TYPE\":\"deal\",\"CRM_ENTITY\":42,\"USER_ID\":7}")));
        wm.verify(postRequestedFor(urlEqualTo(path("imopenlines.crm.chat.getLastId"))).withRequestBody(equalToJson(
                "{\"CRM_ENTITY_TYPE\":\"deal\",\"CRM_ENTITY\":42}")));
        wm.verify(postRequestedFor(urlEqualTo(path("im.chat.user.list"))).withRequestBody(equalToJson("{\"CHAT_ID\":777}")));
    }

    @Test
    void aCrmItemsChatsAreListed() {
        answers("imopenlines.crm.chat.get", okJson("{\"result\":[{\"CHAT_ID\":777,\"CONNECTOR_ID\":\"whatsapp\","
                + "\"CONNECTOR_TITLE\":\"WhatsApp\"},{\"CHAT_ID\":778,\"CONNECTOR_ID\":\"telegrambot\",\"CONNECTOR_TITLE\":\"Telegram\"}]}"));
        CrmChatsResult r = client().crmChats(Fixture.DEAL, CrmChatFilter.ACTIVE);
        CrmChatsResult.Found found = assertInstanceOf(CrmChatsResult.Found.class, r);
        assertEquals(List.of(new CrmChatInfo(ImChat.of(777), "whatsapp", "WhatsApp"),
                new CrmChatInfo(ImChat.of(778), "telegrambot", "Telegram")), found.chats());
        wm.verify(postRequestedFor(urlEqualTo(path("imopenlines.crm.chat.get"))).withRequestBody(equalToJson(
                "{\"CRM_ENTITY_TYPE\":\"deal\",\"CRM_ENTITY\":42,\"ACTIVE_ONLY\":\"Y\"}")));
        wm.resetAll();
        answers("imopenlines.crm.chat.get", error(403, "ACCESS_DENIED", "Access denied"));
        CrmChatsResult.Failed failed = assertInstanceOf(CrmChatsResult.Failed.class, client().crmChats(Fixture.DEAL, CrmChatFilter.ALL));
        assertInstanceOf(AccessDenied.class, failed.outcome());
    }

    @Test
    void setOwnerAndLeave() {
        answers("im.chat.setOwner", okJson("{\"result\":true}"));
        answers("im.chat.leave", okJson("{\"result\":true}"));
        assertInstanceOf(Done.class, client().setOwner(Fixture.IM, Member.userId(1)));
        assertInstanceOf(Done.class, client().leave(Fixture.IM));
        wm.verify(postRequestedFor(urlEqualTo(path("im.chat.setOwner"))).withRequestBody(equalToJson("{\"CHAT_ID\":501,\"USER_ID\":1}")));
        wm.verify(postRequestedFor(urlEqualTo(path("im.chat.leave"))).withRequestBody(equalToJson("{\"CHAT_ID\":501}")));
    }

    @Test
    void aBatchCarriesOneCommandPerPersonAndEachGetsItsOutcome() {
        answers("batch", okJson("{\"result\":{\"result\":{\"u0\":true,\"u2\":true},"
                + "\"result_error\":{\"u1\":{\"error\":\"ACCESS_DENIED_EXTEND\",\"error_description\":\"no right\"}},"
                + "\"result_total\":[],\"result_next\":[],\"result_time\":{}}}"));
        answers("im.chat.user.list", okJson("{\"result\":[1,7,9]}"));
        BulkReport r = client().addAll(Fixture.IM, List.of(Member.userId(7), Member.userId(8), Member.userId(9)));
        assertEquals(List.of(OutcomeKind.ADDED, OutcomeKind.ACCESS_DENIED_EXTEND, OutcomeKind.ADDED),
                r.entries().stream().map(e -> e.outcome().kind()).toList());
        assertEquals(1, requests("im.chat.user.list"), "one read-back confirms the whole batch");
        wm.verify(postRequestedFor(urlEqualTo(path("batch"))).withRequestBody(equalToJson("{\"halt\":0,\"cmd\":{"
                + "\"u0\":\"im.chat.user.add?CHAT_ID=501&USERS%5B%5D=7\","
                + "\"u1\":\"im.chat.user.add?CHAT_ID=501&USERS%5B%5D=8\","
                + "\"u2\":\"im.chat.user.add?CHAT_ID=501&USERS%5B%5D=9\"}}")));
    }

    @Test
    void idsWrittenAsStringsAreRead() {
        // imopenlines.crm.chat.get documents "CHAT_ID": "9852"; other ids may come as strings too.
        answers("imopenlines.crm.chat.get", okJson("{\"result\":[{\"CHAT_ID\":\"9852\",\"CONNECTOR_ID\":\"whatsapp\","
                + "\"CONNECTOR_TITLE\":\"WhatsApp\"}]}"));
        answers("imopenlines.crm.chat.getLastId", okJson("{\"result\":\"9852\"}"));
        answers("im.chat.user.list", okJson("{\"result\":[\"1\",\"7\",\" 9 \"]}"));
        answers("imopenlines.crm.chat.user.add", okJson("{\"result\":\"9852\"}"));
        Bitrix24Client c = client();
        CrmChatsResult.Found found = assertInstanceOf(CrmChatsResult.Found.class, c.crmChats(Fixture.DEAL, CrmChatFilter.ACTIVE));
        assertEquals(List.of(new CrmChatInfo(ImChat.of(9852), "whatsapp", "WhatsApp")), found.chats());
        Members m = assertInstanceOf(Members.class, c.members(Fixture.DEAL));
        assertEquals(List.of("1", "7", "9"), m.members().stream().map(g -> g.member().value()).toList());
        wm.verify(postRequestedFor(urlEqualTo(path("im.chat.user.list"))).withRequestBody(equalToJson("{\"CHAT_ID\":9852}")));
        Added a = assertInstanceOf(Added.class, c.add(Fixture.DEAL, Member.userId(7)));
        assertEquals("chat 9852", a.detail().description());
    }

    @Test
    void joinEventsAreReadAfterTheOffsetAsTheDocsShapeThem() {
        answers("im.v2.Event.subscribe", okJson("{\"result\":true}"));
        // Two joins (one in an open chat, ids as strings) among a message; dates to the second.
        answers("im.v2.Event.get", okJson("{\"result\":{\"events\":["
                + "{\"eventId\":2001,\"type\":\"ONIMV2MESSAGEADD\",\"date\":\"2026-01-01T02:00:05+02:00\",\"data\":{}},"
                + "{\"eventId\":\"2002\",\"type\":\"ONIMV2JOINCHAT\",\"date\":\"2026-01-01T02:00:07+02:00\","
                + "\"data\":{\"dialogId\":\"chat601\",\"chat\":{\"id\":\"601\",\"type\":\"open\"},"
                + "\"user\":{\"id\":\"7\"},\"language\":\"en\"}},"
                + "{\"eventId\":2003,\"type\":\"ONIMV2JOINCHAT\",\"date\":\"2026-01-01T02:00:09+02:00\","
                + "\"data\":{\"dialogId\":\"chat501\",\"chat\":{\"id\":501,\"type\":\"chat\"},"
                + "\"user\":{\"id\":9},\"language\":\"en\"}}],"
                + "\"nextOffset\":2004,\"hasMore\":false}}"));
        java.time.Instant since = time.now();
        io.groupkit.core.EventsResult r = client().watchSource()
                .events(java.util.Optional.of("2000@" + since.getEpochSecond())).join();
        io.groupkit.core.events.EventPage page = assertInstanceOf(io.groupkit.core.events.EventPage.class, r);
        assertFalse(page.gap());
        assertEquals(2, page.events().size(), () -> page.events().toString());
        io.groupkit.core.events.Joined open = assertInstanceOf(io.groupkit.core.events.Joined.class, page.events().get(0));
        assertEquals(ImChat.of(601), open.group());
        assertEquals(Member.userId(7), open.member());
        assertEquals(io.groupkit.core.events.JoinHow.UNKNOWN, open.how(), "an open chat can be joined unadded");
        assertEquals(java.time.Instant.parse("2026-01-01T00:00:07Z"), open.time().from());
        io.groupkit.core.events.Joined added = assertInstanceOf(io.groupkit.core.events.Joined.class, page.events().get(1));
        assertEquals(Fixture.IM, added.group());
        assertEquals(io.groupkit.core.events.JoinHow.ADDED, added.how());
        assertEquals(io.groupkit.core.events.EventSource.PUSHED, added.source());
        assertTrue(page.cursor().startsWith("2004@"), page.cursor());
        wm.verify(postRequestedFor(urlEqualTo(path("im.v2.Event.get")))
                .withRequestBody(equalToJson("{\"offset\":2000,\"limit\":1000}")));
        assertEquals(1, requests("im.v2.Event.subscribe"));
    }

    @Test
    void aListingWithAnEntryThatIsNotAUserIdIsUnrecognizedNotShorter() {
        // Read as the ids it does hold, it would make everyone it garbled look gone to a watch.
        answers("im.chat.user.list", okJson("{\"result\":[\"1\",\"7\",\"x\",null]}"));
        assertEquals(OutcomeKind.UNRECOGNIZED, client().members(Fixture.IM).kind());
    }

    @Test
    void aMessengerAddThatLeavesTheUserOutIsNotRegistered() {
        // im.chat.user.add answers true for a dismissed user and adds nobody.
        answers("im.chat.user.add", okJson("{\"result\":true}"));
        answers("im.chat.user.list", okJson("{\"result\":[1,9]}"));
        NotRegistered r = assertInstanceOf(NotRegistered.class, client().add(Fixture.IM, Member.userId(7)));
        assertTrue(r.remedy().contains("inactive"), r.remedy());
        assertEquals(1, requests("im.chat.user.add"), "not sent again");
    }

    @Test
    void aMessengerAddNobodyCanConfirmIsNeverAdded() {
        answers("im.chat.user.add", okJson("{\"result\":true}"));
        answers("im.chat.user.list", okJson("{\"result\":[]}"));
        AddResult r = client().add(Fixture.IM, Member.userId(7));
        assertEquals(OutcomeKind.INDETERMINATE, r.kind(), r::toString);
    }

    // ---- documented errors ----

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "ACCESS_DENIED_EXTEND, 400, ACCESS_DENIED_EXTEND",
            "access_denied_extend, 400, ACCESS_DENIED_EXTEND",
            "ACCESS_ERROR, 400, ACCESS_DENIED",
            "ACCESS_DENIED, 403, ACCESS_DENIED",
            "CHAT_ID_EMPTY, 400, NOT_FOUND",
            "OVERLOAD_LIMIT, 503, QUOTA_EXCEEDED",
            "NO_AUTH_FOUND, 401, UNAUTHORIZED",
            "INVALID_CREDENTIALS, 403, UNAUTHORIZED",
            "METHOD_CONFIRM_WAITING, 401, ACCESS_DENIED",
            "insufficient_scope, 403, ACCESS_DENIED",
            "user_access_error, 403, ACCESS_DENIED",
            "PORTAL_DELETED, 500, NOT_FOUND",
            "ERROR_METHOD_NOT_FOUND, 404, UNSUPPORTED",
            "ERROR_MANIFEST_IS_NOT_AVAILABLE, 404, UNSUPPORTED",
            "IM_NOT_INSTALLED, 400, UNSUPPORTED",
            "ERROR_BATCH_METHOD_NOT_ALLOWED, 405, UNRECOGNIZED",
            "ERROR_BATCH_LENGTH_EXCEEDED, 400, UNRECOGNIZED",
            "INVALID_REQUEST, 400, UNRECOGNIZED",
            "ERROR_ARGUMENT, 400, UNRECOGNIZED",
            "SOMETHING_NEW, 400, UNRECOGNIZED"})
    void everyDocumentedErrorOfAMessengerAdd(String code, int status, OutcomeKind expected) {
        answers("im.chat.user.add", error(status, code, "described"));
        AddResult r = client().add(Fixture.IM, Member.userId(7));
        assertEquals(expected, r.kind(), r::toString);
        assertEquals(code, r.detail().code());
        assertEquals(status, r.detail().status().orElseThrow());
        assertEquals(1, requests("im.chat.user.add"), "not retried");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "CHAT_NOT_IN_CRM, 400, NOT_FOUND",
            "CRM_CHAT_USER_NOT_ACTIVE, 400, NOT_REGISTERED",
            "CRM_CHAT_EMPTY_CRM_DATA, 400, NOT_FOUND",
            "CRM_CHAT_EMPTY_USER, 400, NOT_FOUND",
            "ACCESS_DENIED, 403, ACCESS_DENIED"})
    void everyDocumentedErrorOfACrmAdd(String code, int status, OutcomeKind expected) {
        answers("imopenlines.crm.chat.user.add", error(status, code, "described"));
        assertEquals(expected, client().add(Fixture.DEAL, Member.userId(7)).kind());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "ACCESS_DENIED_KICK, 400, ACCESS_DENIED",
            "USER_NOT_FOUND, 400, NOT_MEMBER",
            "USER_ID_EMPTY, 400, NOT_FOUND",
            "ACCESS_DENIED_EXTEND, 400, ACCESS_DENIED_EXTEND"})
    void everyDocumentedErrorOfAMessengerRemove(String code, int status, OutcomeKind expected) {
        answers("im.chat.user.delete", error(status, code, "described"));
        assertEquals(expected, client().remove(Fixture.IM, Member.userId(7)).kind());
    }

    @ParameterizedTest
    @CsvSource({"INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER"})
    void aServerErrorOnAnAddIsSettledByListingAndOnAReadIsRetried(String code) {
        answers("im.chat.user.add", error(500, code, "internal"));
        answers("im.chat.user.list", okJson("{\"result\":[1,7]}"));
        Added added = assertInstanceOf(Added.class, client().add(Fixture.IM, Member.userId(7)));
        assertTrue(added.verifiedByMembershipCheck(), "the add may have landed: the listing decided");
        assertEquals(1, requests("im.chat.user.add"), "not resent");
        wm.resetAll();
        answers("im.chat.user.list", error(500, code, "internal"));
        assertEquals(OutcomeKind.UNAVAILABLE, client().members(Fixture.IM).kind());
        assertEquals(4, requests("im.chat.user.list"), "a read is retried");
    }

    @Test
    void chatDeletePermissionDeniedIsAccessDenied() {
        answers("imopenlines.crm.chat.user.delete", error(403, "CHAT_DELETE_USER_PERMISSION_DENIED", "no"));
        assertInstanceOf(AccessDenied.class, client().remove(Fixture.DEAL, Member.userId(7)));
    }

    @Test
    void accessDeniedExtendNamesTheSeedsFixes() {
        answers("im.chat.user.add", error(400, "ACCESS_DENIED_EXTEND", "You don't have access to add users"));
        AccessDeniedExtend r = assertInstanceOf(AccessDeniedExtend.class, client().add(Fixture.IM, Member.userId(7)));
        assertTrue(r.remedy().contains("im.chat.setOwner") && r.remedy().contains("reconnect"), r.remedy());
        assertTrue(r.haltsBulk());
    }

    @Test
    void wrongRequestWithThePersonListedIsAlreadyMember() {
        answers("im.chat.user.add", error(400, "WRONG_REQUEST", "You don't have access or user already member in chat"));
        answers("im.chat.user.list", okJson("{\"result\":[1,7]}"));
        assertInstanceOf(AlreadyMember.class, client().add(Fixture.IM, Member.userId(7)));
    }

    @Test
    void wrongRequestWithThePersonAbsentIsAccessDenied() {
        answers("im.chat.user.add", error(400, "WRONG_REQUEST", "You don't have access or user already member in chat"));
        answers("im.chat.user.list", okJson("{\"result\":[1,9]}"));
        assertInstanceOf(AccessDenied.class, client().add(Fixture.IM, Member.userId(7)));
    }

    @Test
    void wrongRequestWithAnEmptyListMeansNoRightToSee() {
        answers("im.chat.user.add", error(400, "WRONG_REQUEST", "You don't have access or user already member in chat"));
        answers("im.chat.user.list", okJson("{\"result\":[]}"));
        AccessDenied r = assertInstanceOf(AccessDenied.class, client().add(Fixture.IM, Member.userId(7)));
        assertTrue(r.remedy().contains("cannot be seen"), r.remedy());
    }

    @Test
    void wrongRequestOnACrmRemovalOfSomeoneAbsentIsNotMember() {
        answers("imopenlines.crm.chat.user.delete", error(400, "WRONG_REQUEST", "user already not in chat"));
        answers("imopenlines.crm.chat.getLastId", okJson("{\"result\":777}"));
        answers("im.chat.user.list", okJson("{\"result\":[1,9]}"));
        assertInstanceOf(NotMember.class, client().remove(Fixture.DEAL, Member.userId(7)));
    }

    @Test
    void resultZeroIsACrmItemWithoutAChat() {
        answers("imopenlines.crm.chat.user.add", okJson("{\"result\":0}"));
        NotFound r = assertInstanceOf(NotFound.class, client().add(Fixture.DEAL, Member.userId(7)));
        assertEquals(NotFound.Subject.GROUP, r.subject());
    }

    @Test
    void setOwnerByANonOwnerIsAccessDenied() {
        answers("im.chat.setOwner", error(400, "WRONG_REQUEST", "Wrong request"));
        AccessDenied r = assertInstanceOf(AccessDenied.class, client().setOwner(Fixture.IM, Member.userId(1)));
        assertTrue(r.remedy().contains("current owner"), r.remedy());
    }

    @Test
    void queryLimitExceededWaitsForTheBucketAndRetries() {
        answers("im.chat.user.add", error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"), okJson("{\"result\":true}"));
        answers("im.chat.user.list", okJson("{\"result\":[1,7]}"));
        assertInstanceOf(Added.class, client().add(Fixture.IM, Member.userId(7)));
        assertEquals(2, requests("im.chat.user.add"));
        assertTrue(time.elapsed().compareTo(Duration.ofSeconds(1)) >= 0, time.elapsed().toString());
    }

    @Test
    void overloadLimitStopsAtOnce() {
        answers("im.chat.user.add", error(503, "OVERLOAD_LIMIT", "blocked"));
        QuotaExceeded r = assertInstanceOf(QuotaExceeded.class, client().add(Fixture.IM, Member.userId(7)));
        assertTrue(r.haltsBulk());
        assertEquals(1, requests("im.chat.user.add"));
    }

    @Test
    void operationTimeLimitPausesOnlyThatMethod() {
        answers("im.chat.user.add", error(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit."));
        answers("im.chat.user.delete", okJson("{\"result\":true}"));
        Bitrix24Client c = client();
        long before = time.nanoTime();
        RateLimited r = assertInstanceOf(RateLimited.class, c.add(Fixture.IM, Member.userId(7)));
        assertTrue(r.limit().orElseThrow().endsWith("im.chat.user.add"));
        assertInstanceOf(Removed.class, c.remove(Fixture.IM, Member.userId(8)));
        assertTrue(wm.findAll(postRequestedFor(urlEqualTo(path("im.chat.user.add")))).size() <= RetryPolicyDefaults.ATTEMPTS);
        assertTrue(time.nanoTime() - before >= Duration.ofMinutes(1).toNanos(), "the paused method waited out its pause");
    }

    @Test
    void aBudgetNearlySpentHoldsTheMethodBackBeforeItIsRefused() {
        long resetAt = time.now().getEpochSecond() + 30;
        answers("im.chat.user.add", okJson("{\"result\":true,\"time\":{\"operating\":470,\"operating_reset_at\":" + resetAt + "}}"));
        answers("im.chat.user.list", okJson("{\"result\":[1,7,8]}"));
        Bitrix24Client c = client();
        assertInstanceOf(Added.class, c.add(Fixture.IM, Member.userId(7)));
        long before = time.nanoTime();
        assertInstanceOf(Added.class, c.add(Fixture.IM, Member.userId(8)));
        assertTrue(time.nanoTime() - before >= Duration.ofSeconds(29).toNanos(), "waited for the budget's reset");
        assertEquals(2, requests("im.chat.user.add"), "nothing was sent while the method was held back");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void aBrokenConnectionIsSettledByListing(Fault fault) {
        answers("im.chat.user.add", aResponse().withFault(fault));
        answers("im.chat.user.list", okJson("{\"result\":[1,7]}"));
        Added r = assertInstanceOf(Added.class, client().add(Fixture.IM, Member.userId(7)));
        assertTrue(r.verifiedByMembershipCheck());
        assertEquals(1, requests("im.chat.user.add"));
    }

    @Test
    void aLostBatchIsSettledWithOneListingForTheChat() {
        answers("batch", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        answers("im.chat.user.list", okJson("{\"result\":[1,7,8,9]}"));
        List<Member> people = java.util.stream.LongStream.rangeClosed(7, 9).<Member>mapToObj(Member::userId).toList();
        BulkReport r = client().addAll(Fixture.IM, people);
        assertEquals(3, r.count(OutcomeKind.ADDED), () -> r.counts().toString());
        assertTrue(r.entries().stream().allMatch(e -> ((Added) e.outcome()).verifiedByMembershipCheck()));
        assertEquals(1, requests("batch"), "never sent again");
        assertEquals(1, requests("im.chat.user.list"), "one listing for the whole batch");
    }

    @Test
    void aTimeoutWithThePersonAbsentIsNeverAdded() {
        // Every attempt's answer is lost: a short request timeout keeps the four attempts quick.
        answers("im.chat.user.add", okJson("{\"result\":true}").withFixedDelay(2_000));
        answers("im.chat.user.list", okJson("{\"result\":[1,9]}"));
        AddResult r = Fixture.wireClient(wm.baseUrl(), time, Duration.ofMillis(500)).add(Fixture.IM, Member.userId(7));
        assertFalse(r.isSuccess(), r::toString);
    }

    @Test
    void anHtmlPageAndGarbageAreOutcomes() {
        answers("im.chat.user.list", aResponse().withStatus(502).withBody("<html>Bad gateway</html>"));
        assertEquals(OutcomeKind.UNAVAILABLE, client().members(Fixture.IM).kind());
        wm.resetAll();
        answers("im.chat.user.add", aResponse().withStatus(200).withBody(new byte[] {1, 2, 3}));
        answers("im.chat.user.list", okJson("{\"result\":[]}"));
        assertEquals(OutcomeKind.INDETERMINATE, client().add(Fixture.IM, Member.userId(7)).kind(),
                "an unreadable answer to an add, and a listing that cannot see: never a success");
    }

    /** The retry policy's attempts, for readability. */
    private static final class RetryPolicyDefaults {
        static final int ATTEMPTS = io.groupkit.core.policy.RetryPolicy.defaults().maxAttempts();
    }
}
