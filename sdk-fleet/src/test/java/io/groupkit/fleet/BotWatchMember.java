package io.groupkit.fleet;

import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Policies;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.core.spi.ForwardingWatchSource;
import io.groupkit.core.spi.WatchSource;
import io.groupkit.telegram.bot.TelegramBot;
import io.groupkit.telegram.bot.TelegramBotChat;
import io.groupkit.telegram.bot.TelegramBotClient;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A watch over a bot as its own JVM sharing a PostgreSQL store with others of the same bot: only
 * the holder of the account's events lease reads {@code getUpdates} (a long poll). Each event its
 * handler gets is appended to a log file and forced to the disk before the handler returns. Prints
 * {@code POLLING time} and {@code POLLED time answer} around each read, {@code TAKEN}/{@code LOST
 * time group} as the lease comes and goes and {@code PROBLEM kind message outcome} for each
 * problem; runs until its input ends.
 */
public final class BotWatchMember {
    private BotWatchMember() {
    }

    /**
     * Watches until killed or its input ends.
     *
     * @param args the JDBC URL, the API URL, the token, the chat ids (comma-separated), the owner,
     *     the event log, the interval and the lease in milliseconds, the poll timeout in seconds
     */
    public static void main(String[] args) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        RateLimiter unpaced = (key, limit, now) -> Duration.ZERO;
        List<GroupRef> chats = new ArrayList<>();
        for (String c : args[3].split(",")) {
            chats.add(TelegramBotChat.of(Long.parseLong(c)));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        MembershipStore store = JdbcMembershipStore.postgres(Postgres.pooledDataSource(args[0]));
        try (TelegramBotClient bot = TelegramBot.builder().token(args[2]).apiUrl(args[1])
                .pollTimeout(Duration.ofSeconds(Long.parseLong(args[8])))
                .policies(Policies.builder().rateLimiter(unpaced).attemptTimeout(Duration.ofSeconds(10)).build()).build();
             FileChannel log = FileChannel.open(Path.of(args[5]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            MembershipWatch watch = MembershipWatch.builder(traced(bot.watchSource())).groups(chats).store(store)
                    .executor(executor).interval(Duration.ofMillis(Long.parseLong(args[6])))
                    .lease(Duration.ofMillis(Long.parseLong(args[7]))).owner(args[4])
                    .listener(new WatchListener() {
                        @Override
                        public void leaseTaken(GroupRef group) {
                            System.out.println("TAKEN " + System.currentTimeMillis() + " " + group.key());
                        }

                        @Override
                        public void leaseLost(GroupRef group) {
                            System.out.println("LOST " + System.currentTimeMillis() + " " + group.key());
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            System.out.println("PROBLEM " + problem.kind() + " " + problem.message() + " "
                                    + problem.outcome().map(Object::toString).orElse("-"));
                        }
                    })
                    .start(event -> append(log, event));
            System.out.println("WATCHING");
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

    /** The client's source, telling each read of the updates as it starts and ends (wall-clock milliseconds). */
    private static WatchSource traced(WatchSource source) {
        return new ForwardingWatchSource(source) {
            @Override
            public CompletableFuture<EventsResult> events(Optional<String> cursor) {
                System.out.println("POLLING " + System.currentTimeMillis());
                return delegate().events(cursor).whenComplete((r, e) -> System.out.println("POLLED "
                        + System.currentTimeMillis() + " " + (r == null ? e : r.getClass().getSimpleName())));
            }
        };
    }
}
