package io.groupkit.fleet;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.AddResult;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One server of a fleet on one Bitrix24 app installation, as its own JVM: its token pair comes
 * from the shared PostgreSQL store, and it adds its users all at once, with an access token the
 * portal has expired.
 */
public final class FleetTokenMember {
    static final String CLIENT_ID = "app.fleet";
    static final String CLIENT_SECRET = "fleetClientSecret9q";
    static final String INSTALLATION = "fleet.bitrix24.example";

    private FleetTokenMember() {
    }

    /**
     * Runs one server's concurrent adds.
     *
     * @param args JDBC URL, client endpoint, OAuth server, chat id, first user id, how many
     * @throws Exception if the go signal cannot be read
     */
    public static void main(String[] args) throws Exception {
        ExecutorService jdbc = Executors.newFixedThreadPool(2);
        JdbcTokenStore store = JdbcTokenStore.postgres(Postgres.dataSource(args[0]), INSTALLATION, jdbc).build();
        try (Bitrix24Client portal = Bitrix24.oauth(args[1], CLIENT_ID, CLIENT_SECRET, store).oauthServer(args[2])
                .enterprisePlan().build()) {
            Jvms.awaitGo();
            long first = Long.parseLong(args[4]);
            List<CompletableFuture<AddResult>> calls = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(args[5]); i++) {
                calls.add(portal.addAsync(ImChat.of(Long.parseLong(args[3])), Member.userId(first + i)));
            }
            Map<OutcomeKind, Integer> counts = new TreeMap<>();
            for (CompletableFuture<AddResult> call : calls) {
                AddResult result = call.join();
                counts.merge(result.kind(), 1, Integer::sum);
                if (result.kind() != OutcomeKind.ADDED) {
                    System.out.println("NOT ADDED " + result);
                }
            }
            System.out.println("COUNTS " + counts);
        } finally {
            jdbc.shutdown();
        }
    }
}
