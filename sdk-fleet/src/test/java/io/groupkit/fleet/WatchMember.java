package io.groupkit.fleet;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Policies;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.core.spi.ForwardingWatchSource;
import io.groupkit.core.spi.WatchSource;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A watcher of Green-API simulator groups as its own JVM, to be killed and started again: each
 * event its handler gets is appended to a log file and forced to the disk before the handler
 * returns, as an application that must not lose one would. Prints {@code LISTED group} the first
 * time it lists a group, {@code TAKEN}/{@code LOST group} as leases come and go, and
 * {@code PROBLEM kind} for each problem; it runs until its input ends.
 */
public final class WatchMember {
    private WatchMember() {
    }

    /**
     * Watches until killed or its input ends.
     *
     * @param args the store ({@code file:PATH} or a JDBC URL), API URL, instance id, token, the groups
     *     (comma-separated), the owner, the event log, the interval and the lease in milliseconds, and
     *     whether to wait for a line on the input before opening the store (a spare started ahead, to
     *     take over the moment the one before is killed)
     */
    public static void main(String[] args) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        RateLimiter unpaced = (key, limit, now) -> Duration.ZERO;
        GreenApiClient client = GreenApi.builder().apiUrl(args[1]).instance(args[2], args[3])
                .policies(Policies.builder().rateLimiter(unpaced).build()).build();
        if (Boolean.parseBoolean(args[9])) {
            System.out.println("READY");
            input.readLine();
        }
        MembershipStore store = args[0].startsWith("file:") ? MembershipStore.directory(Path.of(args[0].substring(5)))
                : JdbcMembershipStore.postgres(Postgres.pooledDataSource(args[0]));
        List<GroupRef> groups = new ArrayList<>();
        for (String g : args[4].split(",")) {
            groups.add(GroupRef.of(g));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (GreenApiClient whatsapp = client;
             FileChannel log = FileChannel.open(Path.of(args[6]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            Set<GroupRef> listed = ConcurrentHashMap.newKeySet();
            MembershipWatch watch = MembershipWatch.builder(unlimited(whatsapp.watchSource())).groups(groups).store(store)
                    .executor(executor).interval(Duration.ofMillis(Long.parseLong(args[7])))
                    .lease(Duration.ofMillis(Long.parseLong(args[8]))).owner(args[5]).share(1.0)
                    .listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef group, int members, int events, Duration took) {
                            if (listed.add(group)) {
                                System.out.println("LISTED " + group.key());
                            }
                            System.out.println("LISTING " + group.key() + " " + took.toMillis() + " ms");
                        }

                        @Override
                        public void leaseTaken(GroupRef group) {
                            System.out.println("TAKEN " + group.key());
                        }

                        @Override
                        public void leaseLost(GroupRef group) {
                            System.out.println("LOST " + group.key());
                        }

                        @Override
                        public void paceChanged(Duration pause) {
                            System.out.println("PACE " + pause.toMillis() + " ms");
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            System.out.println("PROBLEM " + problem.kind());
                        }
                    })
                    .start(event -> append(log, event));
            System.out.println("WATCHING after " + (System.currentTimeMillis()
                    - ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli()) + " ms");
            input.readLine();
            watch.close();
        } finally {
            executor.shutdown();
            store.close();
        }
    }

    /** One line per delivery, on the disk before the handler returns: a kill after it cannot lose it. */
    private static void append(FileChannel log, MembershipEvent event) {
        String line = event.id() + " " + event.kind() + " " + event.group().key() + " " + event.member().value() + "\n";
        try {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                log.write(buf);
            }
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The client's source without its listing limit: the simulator enforces no rate here, and the
     * test needs listings far closer than Green-API's one per second.
     */
    private static WatchSource unlimited(WatchSource source) {
        return new ForwardingWatchSource(source) {
            @Override
            public List<RateLimit> listingLimits() {
                return List.of();
            }
        };
    }
}
