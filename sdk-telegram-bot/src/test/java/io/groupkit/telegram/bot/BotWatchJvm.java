package io.groupkit.telegram.bot;

import io.groupkit.core.EventsResult;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A watch over a bot as its own JVM, to be killed and started again: the core's push-only watch
 * reads {@code getUpdates} with a long poll and a directory store; each event its handler gets is
 * appended to a log file and forced to the disk before the handler returns. Prints
 * {@code POLLING offset} as each read starts, {@code POLLED} and the answer's type as it ends, and
 * {@code PROBLEM kind message outcome} for each problem; runs until its input ends.
 */
public final class BotWatchJvm {
    private BotWatchJvm() {
    }

    /**
     * Watches until killed or its input ends.
     *
     * @param args the API URL, the token, the store directory, the chat ids (comma-separated), the
     *     event log, the interval in milliseconds, the poll timeout in seconds
     */
    public static void main(String[] args) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        RateLimiter unpaced = (key, limit, now) -> Duration.ZERO;
        List<GroupRef> chats = new ArrayList<>();
        for (String c : args[3].split(",")) {
            chats.add(TelegramBotChat.of(Long.parseLong(c)));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (TelegramBotClient bot = TelegramBot.builder().token(args[1]).apiUrl(args[0])
                .pollTimeout(Duration.ofSeconds(Long.parseLong(args[6])))
                .policies(Policies.builder().rateLimiter(unpaced).attemptTimeout(Duration.ofSeconds(10)).build()).build();
             MembershipStore store = MembershipStore.directory(Path.of(args[2]));
             FileChannel log = FileChannel.open(Path.of(args[4]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            MembershipWatch watch = MembershipWatch.builder(traced(bot.watchSource())).groups(chats).store(store)
                    .executor(executor).interval(Duration.ofMillis(Long.parseLong(args[5]))).owner("watcher")
                    .listener(new WatchListener() {
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
        }
    }

    /** One line per delivery, on the disk before the handler returns: a kill after it cannot lose it. */
    static void append(FileChannel log, MembershipEvent event) {
        String link = event instanceof Joined j ? j.how() + " " + j.link().orElse("-") : "- -";
        String line = event.id() + " " + event.kind() + " " + event.group().key() + " " + event.member().value() + " "
                + link + "\n";
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

    /** The client's source, telling each read of the updates as it starts and ends. */
    static WatchSource traced(WatchSource source) {
        return new ForwardingWatchSource(source) {
            @Override
            public CompletableFuture<EventsResult> events(Optional<String> cursor) {
                System.out.println("POLLING " + System.currentTimeMillis() + " " + cursor.orElse("now"));
                return delegate().events(cursor).whenComplete((r, e) -> System.out.println("POLLED "
                        + System.currentTimeMillis() + " " + (r == null ? e : r.getClass().getSimpleName())));
            }
        };
    }
}
