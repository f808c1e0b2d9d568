package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import io.groupkit.core.Member;
import io.groupkit.core.Outcome;
import io.groupkit.testkit.time.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import io.groupkit.testkit.logs.CapturedLogs;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs last: every log line of the whole test run (debug included) and the outcomes of a server
 * that echoes the token back must not show the token; phone numbers are masked in logs.
 */
@Order(Integer.MAX_VALUE)
class RedactionAuditTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aServerEchoingTheTokenCannotLeakIt() {
        GreenApiClient client = GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .policies(Fixture.policies(VirtualTime.create()).build()).build();
        List<Outcome> outcomes = new ArrayList<>();
        for (int status : new int[] {200, 400, 401, 403, 404, 429, 466, 500, 502}) {
            wm.resetAll();
            wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                    .withBody("{\"message\":\"no such path /waInstance" + Fixture.ID + "/x/" + Fixture.TOKEN + "\"}")));
            outcomes.add(client.add(Fixture.GROUP, Member.phone("+79001234568")));
            outcomes.add(client.members(Fixture.GROUP));
            outcomes.add(client.state());
        }
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        outcomes.add(client.add(Fixture.GROUP, Member.phone("+79001234568")));
        for (Outcome o : outcomes) {
            assertFalse(o.toString().contains(Fixture.TOKEN), () -> "an outcome shows the token: " + o.kind());
            assertFalse(o.remedy().contains(Fixture.TOKEN));
        }
    }

    @Test
    void noLogLineOfTheWholeRunShowsTheTokenOrAFullNumber() {
        // GroupKit's own loggers; the test servers (WireMock's Jetty) log the raw requests they receive.
        List<String> lines = CapturedLogs.lines().stream().filter(l -> l.contains(" io.groupkit")).toList();
        assertTrue(lines.size() > 100, "the run logged at debug level: " + lines.size() + " lines");
        assertTrue(lines.stream().anyMatch(l -> l.contains("/waInstance" + Fixture.ID + "/")), "URLs are logged, redacted");
        for (String line : lines) {
            assertFalse(line.contains(Fixture.TOKEN), () -> "a log line shows the token: " + line.replace(Fixture.TOKEN, "<TOKEN>"));
            assertFalse(line.contains("9001234568"), () -> "a log line shows a phone number: " + line);
            assertFalse(line.contains("9000000001"), () -> "a log line shows a phone number: " + line);
        }
    }
}
