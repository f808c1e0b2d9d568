package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every documented Green-API answer, and broken ones, become typed outcomes. */
@Order(2)
class WireAnswersTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Member PERSON = Member.chatId("79001234568@c.us");
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16};
    private final VirtualTime time = VirtualTime.create();

    private GreenApiClient client() {
        return GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .requestTimeout(Duration.ofMillis(500))
                .policies(Fixture.policies(time).prechecks(Prechecks.OFF).build()).build();
    }

    private static String path(String method) {
        return "/waInstance" + Fixture.ID + "/" + method + "/" + Fixture.TOKEN;
    }

    /** Answers in turn; the last one repeats. */
    private static void answers(String method, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            String next = i + 1 < responses.length ? "answer " + (i + 1) : state;
            wm.stubFor(post(urlEqualTo(path(method))).inScenario(method).whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
        }
    }

    private static void groupData(boolean listsThePerson) {
        wm.stubFor(post(urlEqualTo(path("getGroupData"))).willReturn(okJson("{\"groupId\":\"" + Fixture.GROUP_ID
                + "\",\"participants\":[{\"id\":\"79990000000@c.us\",\"isAdmin\":true,\"isSuperAdmin\":true}"
                + (listsThePerson ? ",{\"id\":\"79001234568@c.us\",\"isAdmin\":false,\"isSuperAdmin\":false}" : "")
                + "],\"groupInviteLink\":\"https://chat.whatsapp.com/Abc\"}")));
    }

    private static int requests(String method) {
        return wm.findAll(postRequestedFor(urlEqualTo(path(method)))).size();
    }

    private static ResponseDefinitionBuilder status(int status, String body) {
        return aResponse().withStatus(status).withBody(body);
    }

    @Test
    void startingIsRetriedThenReportedUnavailable() {
        answers("addGroupParticipant", status(400, "instance in starting process try later"));
        Unavailable r = assertInstanceOf(Unavailable.class, client().add(Fixture.GROUP, PERSON));
        assertTrue(r.remedy().contains("starting"), r.remedy());
        assertEquals(RetryPolicy.defaults().maxAttempts(), requests("addGroupParticipant"));
    }

    @Test
    void notAuthorizedIsUnauthorizedWithTheQrRemedy() {
        answers("addGroupParticipant", status(400, "instance account not authorized"));
        Unauthorized r = assertInstanceOf(Unauthorized.class, client().add(Fixture.GROUP, PERSON));
        assertTrue(r.remedy().contains("QR code"), r.remedy());
        assertEquals(1, requests("addGroupParticipant"));
    }

    @Test
    void badRequestDataOnAGroupIsNotFound() {
        answers("addGroupParticipant", status(400, "{\"message\":\"bad request data\"}"));
        NotFound r = assertInstanceOf(NotFound.class, client().add(Fixture.GROUP, PERSON));
        assertEquals(NotFound.Subject.GROUP, r.subject());
        assertEquals("bad request data", r.detail().code());
    }

    @Test
    void wrongTokenAndWrongInstanceAreUnauthorized() {
        answers("addGroupParticipant", status(401, "Unauthorized"));
        assertTrue(client().add(Fixture.GROUP, PERSON).remedy().contains("apiTokenInstance"));
        wm.resetAll();
        answers("addGroupParticipant", status(403, "Forbidden"));
        Unauthorized r = assertInstanceOf(Unauthorized.class, client().add(Fixture.GROUP, PERSON));
        assertTrue(r.remedy().contains("idInstance"), r.remedy());
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        answers("addGroupParticipant", status(429, "Too Many Requests").withHeader("Retry-After", "5"),
                okJson("{\"addParticipant\":true}"));
        assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON));
        assertEquals(Duration.ofSeconds(5), time.elapsed());
    }

    @Test
    void tooManyRequestsWithoutAHintBacksOffThenReports() {
        answers("addGroupParticipant", status(429, "Too Many Requests"));
        assertInstanceOf(RateLimited.class, client().add(Fixture.GROUP, PERSON));
        assertEquals(4, requests("addGroupParticipant"));
    }

    @Test
    void quotaBodyIsRead() {
        answers("addGroupParticipant", status(466, "{\"invokeStatus\":{\"method\":\"addGroupParticipant\",\"used\":100,"
                + "\"total\":100,\"status\":\"QUOTE_EXCEEDED\",\"description\":\"Monthly quota has been exceeded.\"},"
                + "\"correspondentsStatus\":{\"status\":\"CORRESPONDENTS_QUOTE_EXCEEDED\",\"description\":\"Too many chats\"}}"));
        QuotaExceeded r = assertInstanceOf(QuotaExceeded.class, client().add(Fixture.GROUP, PERSON));
        assertEquals("QUOTE_EXCEEDED", r.detail().code());
        assertEquals(466, r.detail().status().orElseThrow());
        assertTrue(r.detail().description().contains("100 of 100 for addGroupParticipant"), r.detail().description());
        assertTrue(r.detail().description().contains("CORRESPONDENTS_QUOTE_EXCEEDED"), r.detail().description());
        assertTrue(r.haltsBulk());
    }

    @Test
    void clientClosedRequestIsSettledByListing() {
        answers("addGroupParticipant", status(499, ""));
        groupData(true);
        Added r = assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON));
        assertTrue(r.verifiedByMembershipCheck());
        assertEquals(1, requests("addGroupParticipant"));
    }

    @Test
    void anInternalErrorOnAddIsCheckedBeforeItIsResent() {
        answers("addGroupParticipant", status(500, "Internal Server Error"), okJson("{\"addParticipant\":true}"));
        groupData(false);
        Added r = assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON));
        assertFalse(r.verifiedByMembershipCheck());
        assertEquals(2, requests("addGroupParticipant"));
        assertEquals(1, requests("getGroupData"));
    }

    @Test
    void anInternalErrorOnCreateGroupIsNeverRetried() {
        answers("createGroup", status(500, "Internal Server Error"));
        answers("checkWhatsapp", okJson("{\"existsWhatsapp\":true}"));
        ActionResult r = client().createGroup("Team", List.of(PERSON));
        Indeterminate i = assertInstanceOf(Indeterminate.class, r);
        assertTrue(i.remedy().contains("group may exist"), i.remedy());
        assertEquals(1, requests("createGroup"));
    }

    @Test
    void aBadGatewayOnCreateGroupIsNeverRetried() {
        answers("createGroup", status(502, "<html>Bad Gateway</html>"));
        answers("checkWhatsapp", okJson("{\"existsWhatsapp\":true}"));
        assertInstanceOf(Indeterminate.class, client().createGroup("Team", List.of(PERSON)));
        assertEquals(1, requests("createGroup"), "the group may exist: never sent twice");
    }

    @Test
    void aBadGatewayIsRetriedUpToThreeTimes() {
        answers("addGroupParticipant", status(502, "<html><body>502 Bad Gateway</body></html>"),
                status(502, "<html><body>502 Bad Gateway</body></html>"),
                status(502, "<html><body>502 Bad Gateway</body></html>"), okJson("{\"addParticipant\":true}"));
        assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON));
        assertEquals(4, requests("addGroupParticipant"));
    }

    @Test
    void aBadGatewayThatHadAddedThePersonStillCountsAsAdded() {
        // The docs advise retrying a 502; the first attempt had taken effect, so the retry's
        // bare false is diagnosed as "already listed" — which this call did.
        answers("addGroupParticipant", status(502, "<html><body>502 Bad Gateway</body></html>"),
                okJson("{\"addParticipant\":false}"));
        groupData(true);
        Added r = assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON));
        assertEquals("ADDED_BY_EARLIER_ATTEMPT", r.detail().code());
        assertTrue(r.verifiedByMembershipCheck());
        assertEquals(2, requests("addGroupParticipant"));
    }

    @Test
    void anUnknownGroupsItemNotFoundIsNotFoundWhereverItAppears() {
        // getGroupData's answer for a group that does not exist or that the instance is not in.
        answers("getGroupData", okJson("\"Error: item-not-found\""));
        answers("addGroupParticipant", okJson("{\"addParticipant\":false}"));
        GreenApiClient c = client();
        assertEquals(NotFound.Subject.GROUP, assertInstanceOf(NotFound.class, c.inviteLink(Fixture.GROUP)).subject());
        assertEquals(NotFound.Subject.GROUP, assertInstanceOf(NotFound.class, c.members(Fixture.GROUP)).subject());
        NotFound add = assertInstanceOf(NotFound.class, c.add(Fixture.GROUP, PERSON));
        assertEquals(NotFound.Subject.GROUP, add.subject());
        assertEquals("item-not-found", add.detail().code());
        // The same answer as bare text instead of a JSON string.
        wm.resetAll();
        answers("getGroupData", aResponse().withStatus(200).withBody("Error: item-not-found"));
        assertEquals(NotFound.Subject.GROUP, assertInstanceOf(NotFound.class, client().members(Fixture.GROUP)).subject());
    }

    @Test
    void addContactsOwnAnswersAfterANotInContactsRefusal() {
        answers("addGroupParticipant", okJson("{\"addParticipant\":false}"), okJson("{\"addParticipant\":true}"));
        groupData(false);
        wm.stubFor(get(urlEqualTo(path("getSettings"))).willReturn(okJson("{\"wid\":\"79990000000@c.us\"}")));
        wm.stubFor(post(urlEqualTo(path("checkWhatsapp"))).willReturn(okJson("{\"existsWhatsapp\":true}")));
        wm.stubFor(get(urlEqualTo(path("getContacts"))).willReturn(okJson("[]")));
        answers("addContact", status(400, "{\"message\":\"Contact 79001234568 already exists\"}"));
        Member phone = Member.phone("+79001234568");
        GreenApiClient saving = GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .saveContactAndRetry("Acme").policies(Fixture.policies(time).prechecks(Prechecks.OFF).build()).build();
        Added again = assertInstanceOf(Added.class, saving.add(Fixture.GROUP, phone), "a contact already saved: added once more");
        assertTrue(again.detail().description().contains("in the contacts already"), again.detail().description());
        wm.resetAll();
        answers("addGroupParticipant", okJson("{\"addParticipant\":false}"));
        groupData(false);
        wm.stubFor(get(urlEqualTo(path("getSettings"))).willReturn(okJson("{\"wid\":\"79990000000@c.us\"}")));
        wm.stubFor(post(urlEqualTo(path("checkWhatsapp"))).willReturn(okJson("{\"existsWhatsapp\":true}")));
        wm.stubFor(get(urlEqualTo(path("getContacts"))).willReturn(okJson("[]")));
        answers("addContact", status(404, "{\"message\":\"79001234568 is not on WhatsApp\"}"));
        GreenApiClient fresh = GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .saveContactAndRetry("Acme").policies(Fixture.policies(time).prechecks(Prechecks.OFF).build()).build();
        NotRegistered none = assertInstanceOf(NotRegistered.class, fresh.add(Fixture.GROUP, phone));
        assertEquals("addContact:404", none.detail().code());
        assertEquals(1, requests("addGroupParticipant"), "not sent again to a number without WhatsApp");
    }

    @Test
    void anHtmlErrorPageIsAnOutcomeWithItsStatus() {
        answers("getGroupData", status(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));
        Unavailable r = assertInstanceOf(Unavailable.class, client().members(Fixture.GROUP));
        assertEquals("HTTP_502", r.detail().code());
        assertEquals(502, r.detail().status().orElseThrow());
    }

    @Test
    void garbageWithStatus200OnAnAddIsSettledByListing() {
        answers("addGroupParticipant", aResponse().withStatus(200).withBody(new byte[] {0x1f, (byte) 0x8b, 0x00, (byte) 0xff}));
        groupData(true);
        Added r = assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON));
        assertTrue(r.verifiedByMembershipCheck());
    }

    @Test
    void truncatedJsonOnAReadIsRetriedAsUnavailable() {
        answers("getGroupData", okJson("{\"groupId\":\"120363043968066561@g.us\",\"participants\":[{\"id\""));
        Unavailable r = assertInstanceOf(Unavailable.class, client().members(Fixture.GROUP));
        assertEquals("UNREADABLE_ANSWER", r.detail().code());
        assertEquals(4, requests("getGroupData"));
    }

    @Test
    void anEmptyInviteLinkMeansTheInstanceIsNoAdmin() {
        wm.stubFor(post(urlEqualTo(path("getGroupData"))).willReturn(okJson("{\"groupId\":\"" + Fixture.GROUP_ID
                + "\",\"participants\":[],\"groupInviteLink\":\"\"}")));
        AccessDenied r = assertInstanceOf(AccessDenied.class, client().inviteLink(Fixture.GROUP));
        assertTrue(r.remedy().contains("admin"), r.remedy());
    }

    @Test
    void anErrorBesideTrueIsNotFoundOfTheMember() {
        wm.stubFor(post(urlEqualTo(path("setGroupAdmin"))).willReturn(okJson(
                "{\"setGroupAdmin\":true,\"error\":\"participant not found\"}")));
        NotFound r = assertInstanceOf(NotFound.class, client().setAdmin(Fixture.GROUP, PERSON));
        assertEquals(NotFound.Subject.MEMBER, r.subject());
    }

    @Test
    void timedOutOnAGroupPictureMeansAWrongGroupId() {
        answers("setGroupPicture", okJson("{\"reason\":\"Timed Out\",\"urlAvatar\":null,\"setGroupPicture\":false}"));
        NotFound r = assertInstanceOf(NotFound.class, client().setGroupPicture(Fixture.GROUP, JPEG));
        assertEquals(NotFound.Subject.GROUP, r.subject());
        assertEquals(1, requests("setGroupPicture"));
    }

    @Test
    void anEmptyOrWrongFileIsReportedNotRetried() {
        answers("setGroupPicture", status(400, "File is empty"));
        var r = assertInstanceOf(io.groupkit.core.Unrecognized.class, client().setGroupPicture(Fixture.GROUP, JPEG));
        assertTrue(r.remedy().contains("JPEG"), r.remedy());
        assertEquals(1, requests("setGroupPicture"));
    }

    @Test
    void checkWhatsappsOwnErrors() {
        answers("checkWhatsapp", status(400, "bad phone number, valid 11 or 12 digits"));
        GreenApiClient c = client();
        var bad = assertInstanceOf(io.groupkit.core.NotRegistered.class, c.checkWhatsapp(Member.phone("+1 212 555 0100")));
        assertTrue(bad.remedy().contains("11 or 12 digits"), bad.remedy());
        wm.resetAll();
        answers("checkWhatsapp", status(400, "check phone number timeout limit exceeded"),
                okJson("{\"existsWhatsapp\":false}"));
        assertInstanceOf(io.groupkit.core.NotRegistered.class, c.checkWhatsapp(Member.phone("+7 900 123 45 67")));
        assertEquals(2, requests("checkWhatsapp"), "the limit answer was retried");
    }

    @Test
    void leaveGroupMayAnswerWithRemoveAdmin() {
        answers("leaveGroup", okJson("{\"removeAdmin\":true}"));
        assertInstanceOf(io.groupkit.core.Done.class, client().leave(Fixture.GROUP));
    }

    @Test
    void aSleepingPhoneIsUnavailable() {
        wm.stubFor(get(urlEqualTo(path("getStateInstance"))).willReturn(okJson("{\"stateInstance\":\"sleepMode\"}")));
        GreenApiClient c = GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .policies(Fixture.policies(time).build()).build();
        Unavailable r = assertInstanceOf(Unavailable.class, c.add(Fixture.GROUP, PERSON));
        assertTrue(r.remedy().contains("phone online"), r.remedy());
        assertEquals(0, requests("addGroupParticipant"));
    }

    @Test
    void aNullStateMeansTheInstanceIsBeingCreated() {
        wm.stubFor(get(urlEqualTo(path("getStateInstance"))).willReturn(okJson("{}")));
        var r = assertInstanceOf(io.groupkit.core.AccountStatus.class, client().state());
        assertEquals(io.groupkit.core.AccountState.UNKNOWN, r.state());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void aBrokenConnectionIsSettledByListingNeverTakenAsAdded(Fault fault) {
        answers("addGroupParticipant", aResponse().withFault(fault));
        groupData(false);
        AddResult r = client().add(Fixture.GROUP, PERSON);
        assertFalse(r.isSuccess(), () -> fault + " gave " + r);
        assertTrue(requests("getGroupData") >= 1, "membership was checked");
        assertEquals(4, requests("addGroupParticipant"), "resent only after each check showed it had not landed");
    }

    @Test
    void aTimeoutAfterSendingWithThePersonAbsentIsNeverAdded() {
        answers("addGroupParticipant", okJson("{\"addParticipant\":true}").withFixedDelay(2_000));
        groupData(false);
        AddResult r = client().add(Fixture.GROUP, PERSON);
        assertFalse(r.isSuccess(), () -> "every answer came too late and the listing never showed the person: " + r);
        assertEquals(4, requests("addGroupParticipant"), "each resend came after a listing showed it had not landed");
        assertEquals(4, requests("getGroupData"));
    }

    @Test
    void aTimeoutAfterSendingIsSettledByListing() {
        answers("addGroupParticipant", okJson("{\"addParticipant\":true}").withFixedDelay(2_000));
        groupData(true);
        Added r = assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON));
        assertTrue(r.verifiedByMembershipCheck(), "the answer came too late; the listing decided");
        assertEquals(1, requests("addGroupParticipant"));
    }
}
