package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.bitrix24.TokenPair;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four servers — four JVM processes — on one Bitrix24 app installation meet an expired access
 * token with 25 calls each at once: one of them refreshes, the others use the pair it stored.
 */
class FleetRefreshTest {
    private static final TokenPair FIRST = new TokenPair("acc0fleetFirstAccess", "ref0fleetFirstRefresh");
    private static final int SERVERS = 4;
    private static final int EACH = 25;

    @TempDir
    Path dir;

    @Test
    void fourServersMeetingAnExpiredTokenRefreshItOnce() throws Exception {
        ExecutorService jdbc = Executors.newFixedThreadPool(2);
        try (Postgres db = Postgres.start(); Bitrix24Simulator portal = Bitrix24Simulator.start(TimeSource.system())) {
            portal.bucket(100_000, 10_000); // the portal's own limit is not what this is about
            String endpoint = portal.oauthApp(1, FleetTokenMember.CLIENT_ID, FleetTokenMember.CLIENT_SECRET,
                    FIRST.accessToken(), FIRST.refreshToken(), Duration.ofHours(1));
            portal.chat(501, 1);
            for (int i = 0; i < SERVERS * EACH; i++) {
                portal.users(1_000 + i);
            }
            // Installed once: the first pair goes to the shared store.
            JdbcTokenStore store = JdbcTokenStore.postgres(Postgres.dataSource(db.url()), FleetTokenMember.INSTALLATION, jdbc)
                    .initialPair(FIRST).build();
            Jvms jvms = new Jvms(dir);
            List<Process> servers = new ArrayList<>();
            for (int s = 0; s < SERVERS; s++) {
                servers.add(jvms.start(s, FleetTokenMember.class, db.url(), endpoint, portal.url(), "501",
                        String.valueOf(1_000 + s * EACH), String.valueOf(EACH)));
            }
            for (int s = 0; s < SERVERS; s++) {
                jvms.awaitOutput(s, servers.get(s), "READY");
            }
            portal.expireAccessToken();
            jvms.runTogether(servers, "{ADDED=" + EACH + "}");

            System.out.printf("fleet refresh: %d servers x %d concurrent calls with an expired token, %d request(s) to"
                    + " the OAuth server, %d members%n", SERVERS, EACH, portal.refreshRequests().size(),
                    portal.members(501).size() - 1);
            assertEquals(List.of(FIRST.refreshToken()), portal.refreshRequests(), "exactly one refresh, with the first pair");
            assertEquals(portal.currentRefreshToken(), store.load().refreshToken(), "the store holds the new pair");
            assertEquals(SERVERS * EACH + 1, portal.members(501).size());
        } finally {
            jdbc.shutdown();
        }
    }
}
