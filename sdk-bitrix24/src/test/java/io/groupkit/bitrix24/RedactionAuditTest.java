package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.testkit.logs.CapturedLogs;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs last: no GroupKit log line of the module's whole test run shows a webhook code, token or secret. */
@Order(Integer.MAX_VALUE)
class RedactionAuditTest {

    @Test
    void noLogLineOfTheWholeRunShowsASecret() {
        List<String> lines = CapturedLogs.lines().stream().filter(l -> l.contains(" io.groupkit")).toList();
        assertTrue(lines.size() > 100, "the run logged at debug level: " + lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("/rest/1/***/")), "URLs are logged, redacted");
        List<String> secrets = List.of(Fixture.CODE, "ownerCode123", OAuthTest.CLIENT_SECRET,
                OAuthTest.FIRST.accessToken(), OAuthTest.FIRST.refreshToken(), "acc1x", "ref1x");
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "a log line shows a secret: " + line.replace(secret, "<SECRET>"));
            }
        }
    }
}
