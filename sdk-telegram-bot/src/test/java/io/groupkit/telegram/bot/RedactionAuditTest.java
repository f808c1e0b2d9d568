package io.groupkit.telegram.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.Member;
import io.groupkit.core.Outcome;
import io.groupkit.testkit.logs.CapturedLogs;
import io.groupkit.testkit.time.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs last: a server that echoes the token in every answer cannot make an outcome show it, and
 * no log line of the whole run (debug included, at least 2,000 of GroupKit's) shows it.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedactionAuditTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    @Order(1)
    void aServerEchoingTheTokenCannotLeakIt() {
        TelegramBotClient client = Fixture.client(wm, VirtualTime.create());
        List<Outcome> outcomes = new ArrayList<>();
        String echo = "no such path /bot" + Fixture.TOKEN + "/x, secret " + Fixture.SECRET_PART;
        for (int round = 0; round < 70; round++) {
            for (int status : new int[] {200, 400, 401, 403, 404, 409, 429, 500, 502}) {
                wm.resetAll();
                String body = status == 502 ? "<html>" + echo + "</html>"
                        : "{\"ok\":" + (status == 200) + ",\"error_code\":" + status + ",\"description\":\"" + echo
                                + "\",\"result\":{\"invite_link\":\"" + echo + "\",\"status\":\"member\"}}";
                wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
                outcomes.add(client.add(Fixture.SUPERGROUP, Member.userId(555000000L + round)));
                outcomes.add(client.remove(Fixture.SUPERGROUP, Member.userId(555000000L + round)));
                outcomes.add(client.decideJoinRequest(Fixture.SUPERGROUP, Member.userId(555000000L + round),
                        JoinDecision.APPROVE));
            }
        }
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        outcomes.add(client.remove(Fixture.SUPERGROUP, Member.userId(555000001L)));
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        outcomes.add(client.inviteLink(Fixture.SUPERGROUP));
        for (Outcome o : outcomes) {
            assertFalse(o.toString().contains(Fixture.SECRET_PART), () -> "an outcome shows the token: " + o.kind());
            assertFalse(o.remedy().contains(Fixture.SECRET_PART));
        }
    }

    @Test
    @Order(2)
    void noLogLineOfTheWholeRunShowsTheToken() {
        // GroupKit's own loggers; the test server (WireMock's Jetty) logs the raw requests it receives.
        List<String> lines = CapturedLogs.lines().stream().filter(l -> l.contains(" io.groupkit")).toList();
        assertTrue(lines.size() >= 2000, "the run logged at debug level: " + lines.size() + " lines");
        assertTrue(lines.stream().anyMatch(l -> l.contains("/bot***/")), "addresses are logged, redacted");
        for (String line : lines) {
            assertFalse(line.contains(Fixture.SECRET_PART), () -> "a log line shows the token: "
                    + line.replace(Fixture.SECRET_PART, "<TOKEN>"));
        }
    }
}
