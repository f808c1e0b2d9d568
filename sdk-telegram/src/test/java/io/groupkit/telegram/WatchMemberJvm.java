package io.groupkit.telegram;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Policies;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.core.spi.ForwardingWatchSource;
import io.groupkit.core.spi.WatchSource;
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
 * A watcher of the fake data centre's groups as its own JVM, to be killed and started again: each
 * event its handler gets is appended to a log file and forced to the disk before the handler
 * returns. Prints {@code LISTED group} the first time a group's turn ends and {@code PROBLEM kind}
 * for each problem; runs until its input ends.
 */
public final class WatchMemberJvm {
    private WatchMemberJvm() {
    }

    /**
     * Watches until killed or its input ends.
     *
     * @param args the session string, the store directory, the groups ({@code s:channelId:accessHash}
     *     or {@code b:chatId}, comma-separated), the event log, the interval in milliseconds
     */
    public static void main(String[] args) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        RateLimiter unpaced = (key, limit, now) -> Duration.ZERO;
        List<GroupRef> groups = new ArrayList<>();
        for (String g : args[2].split(",")) {
            String[] f = g.split(":");
            groups.add(f[0].equals("s") ? TelegramGroup.supergroup(Long.parseLong(f[1]), Long.parseLong(f[2]))
                    : TelegramGroup.basic(Long.parseLong(f[1])));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (TelegramClient client = Telegram.builder().session(TelegramSession.fromTelethon(args[0])).apiId(271_828)
                .requestTimeout(Duration.ofSeconds(5)).policies(Policies.builder().rateLimiter(unpaced).build()).build();
             MembershipStore store = MembershipStore.directory(Path.of(args[1]));
             FileChannel log = FileChannel.open(Path.of(args[3]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            Set<GroupRef> listed = ConcurrentHashMap.newKeySet();
            MembershipWatch watch = MembershipWatch.builder(unlimited(client.watchSource())).groups(groups).store(store)
                    .executor(executor).interval(Duration.ofMillis(Long.parseLong(args[4]))).owner("watcher").share(1.0)
                    .listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef group, int members, int events, Duration took) {
                            if (listed.add(group)) {
                                System.out.println("LISTED " + group.key());
                            }
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            System.out.println("PROBLEM " + problem.kind() + " " + problem.message());
                        }
                    })
                    .start(event -> append(log, event));
            System.out.println("WATCHING");
            input.readLine();
            watch.close();
        } finally {
            executor.shutdown();
        }
    }

    /** One line per delivery, on the disk before the handler returns: a kill after it cannot lose it. */
    private static void append(FileChannel log, MembershipEvent event) {
        String how = event instanceof Joined j ? j.how() + " " + j.link().orElse("-") : "- -";
        String line = event.id() + " " + event.kind() + " " + event.group().key() + " " + event.member().value() + " "
                + how + "\n";
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

    /** The client's source without its listing limit: the fake data centre enforces no rate here. */
    private static WatchSource unlimited(WatchSource source) {
        return new ForwardingWatchSource(source) {
            @Override
            public java.util.List<io.groupkit.core.policy.RateLimit> listingLimits() {
                return java.util.List.of();
            }
        };
    }
}
