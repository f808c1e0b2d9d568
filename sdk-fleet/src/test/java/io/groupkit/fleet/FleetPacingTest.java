package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four servers — four JVM processes — share one Green-API instance and pace through one store
 * (Redis, PostgreSQL):
 * together they stay within the instance's rate (the simulator refuses anything faster with 429)
 * and use nearly all of it.
 */
class FleetPacingTest {
    private static final String INSTANCE = "1101000001";
    private static final String TOKEN = "fleet-token-7f3a";
    private static final String GROUP = "120363000000000101@g.us";
    private static final int SERVERS = 4;
    private static final int EACH = 12;

    @TempDir
    Path dir;

    private Jvms jvms;

    @org.junit.jupiter.api.BeforeEach
    void jvms() {
        jvms = new Jvms(dir);
    }

    @Test
    void fourServersPaceAsOneAccountThroughRedis() throws Exception {
        try (Redis redis = Redis.start()) {
            pace("Redis", redis.uri());
        }
    }

    @Test
    void fourServersPaceAsOneAccountThroughPostgres() throws Exception {
        try (Postgres db = Postgres.start()) {
            // No table yet: the four servers make it as they start.
            pace("PostgreSQL", db.url());
        }
    }

    /**
     * The same for one Bitrix24 portal: its leaky bucket (the simulator refuses with 503
     * QUERY_LIMIT_EXCEEDED past 50 requests, draining 2 per second) shared by four JVMs adding
     * users one by one; every request counts, the confirming read-backs too.
     */
    @Test
    void fourServersShareOnePortalsBucketThroughRedis() throws Exception {
        int each = 8;
        try (Redis redis = Redis.start();
             io.groupkit.testkit.bitrix24.Bitrix24Simulator portal = io.groupkit.testkit.bitrix24.Bitrix24Simulator.start(
                     io.groupkit.core.time.TimeSource.system())) {
            portal.users(1).chat(501, 1);
            for (int i = 0; i < SERVERS * each; i++) {
                portal.users(1_000 + i);
            }
            String webhook = portal.webhook(1, "fleet-webhook-code");
            List<Process> servers = new ArrayList<>();
            for (int s = 0; s < SERVERS; s++) {
                servers.add(jvms.start(s, FleetPortalMember.class, redis.uri(), webhook, "501", String.valueOf(1_000 + s * each),
                        String.valueOf(each)));
            }
            jvms.runTogether(servers, "{ADDED=" + each + "}");

            List<Long> requests = portal.requests().stream().map(io.groupkit.testkit.bitrix24.Bitrix24Simulator.Request::atNanos)
                    .sorted().toList();
            assertEquals(0, portal.bucketRejections(), "no request over the portal's bucket");
            int burst = 40; // GroupKit's default: 80 % of the portal's 50
            double allowed = 2 * 0.8;
            // The portal's own bucket never overflowed (no 503 above), and GroupKit's budget (80 % of it) was
            // nearly all used and not exceeded beyond the arrival jitter of the first, cold requests.
            long t0 = requests.get(0);
            // And nearly all of it used.
            double seconds = (requests.get(requests.size() - 1) - t0) / 1e9;
            double used = requests.size() / (burst + allowed * seconds);
            System.out.printf("fleet pacing on one portal: %d requests from %d JVMs in %.1f s, %.0f %% of the budget"
                    + " (burst %d + %.1f/s)%n", requests.size(), SERVERS, seconds, 100 * used, burst, allowed);
            assertTrue(used >= 0.9, () -> "the fleet used only " + used + " of the portal's budget");
            assertTrue(used <= 1.1, () -> "the fleet went past GroupKit's budget: " + used);
        }
    }

    private void pace(String store, String storeUri) throws Exception {
        try (GreenApiSimulator sim = GreenApiSimulator.start(io.groupkit.core.time.TimeSource.system())) {
            GreenApiSimulator.Instance phone = sim.instance(INSTANCE, TOKEN).group(GROUP);
            for (int i = 0; i < SERVERS * EACH; i++) {
                phone.contacts(String.valueOf(79_000_000_000L + i));
            }
            List<Process> servers = new ArrayList<>();
            for (int s = 0; s < SERVERS; s++) {
                long first = 79_000_000_000L + (long) s * EACH;
                sim.instance(warmUp(s), TOKEN).group(GROUP).contacts(String.valueOf(first));
                servers.add(jvms.start(s, FleetMember.class, storeUri, sim.url(), INSTANCE, TOKEN, GROUP, String.valueOf(first),
                        String.valueOf(EACH), warmUp(s)));
            }
            // Every server warmed up, then all start at once.
            jvms.runTogether(servers, "{ADDED=" + EACH + "}");

            List<Long> adds = sim.requests("addGroupParticipant").stream().filter(r -> r.instance().equals(INSTANCE))
                    .map(GreenApiSimulator.Request::atNanos).sorted().toList();
            System.out.printf("fleet pacing: %d requests, %d refused for the rate%n", adds.size(), sim.rateRejections());
            assertEquals(0, sim.rateRejections(), "no request over the instance's rate");
            assertEquals(SERVERS * EACH, adds.size(), "each person sent once");
            double seconds = (adds.get(adds.size() - 1) - adds.get(0)) / 1e9;
            double rate = (adds.size() - 1) / seconds;
            double allowed = 10 * 0.8; // the documented 10/s at GroupKit's default headroom
            System.out.printf("fleet pacing through %s: %d adds from %d JVMs in %.1f s = %.2f/s of %.1f allowed (%.0f %%)%n",
                    store, adds.size(), SERVERS, seconds, rate, allowed, 100 * rate / allowed);
            assertTrue(rate <= allowed * 1.02, () -> "faster than the limit: " + rate + "/s");
            assertTrue(rate >= allowed * 0.9, () -> "the fleet used only " + rate + "/s of " + allowed);
        }
    }

    private static String warmUp(int server) {
        return "11020000" + (10 + server);
    }
}
