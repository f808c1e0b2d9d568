package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.internal.Watcher;
import io.groupkit.core.spi.WatchSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A running watch of some groups: it reports who joined, left, was promoted or demoted, each change
 * once, to your handler. Build one with {@link io.groupkit.core.GroupMembership#watch()}:
 *
 * <pre>{@code
 * MembershipWatch watch = client.watch()
 *         .groups(group)
 *         .store(MembershipStore.directory(Path.of("watch-state")))
 *         .executor(executor)
 *         .start(event -> System.out.println(event));
 * }</pre>
 *
 * <p>How it sees. It lists each group in turn (one listing at a time, through the client's
 * pacing: the same rate-limit budget as adds and pre-checks) and compares the listing with the one
 * before; where the provider pushes events, it reads them too, to learn sooner and more exactly
 * (who added whom, at what time). The first listing of a group is its baseline: changes before it
 * are not reported. Listings are spread over {@link Builder#interval}, but never closer than the
 * provider's listing limit allows for {@link Builder#share} of it, and further apart while other
 * calls keep the budget busy: a watch never starves adds, and never earns a "too many requests".
 *
 * <p>What it promises. An event is delivered after the listing that shows it, to one handler call
 * at a time per watch; it is recorded as delivered only once the handler returned, so a watcher
 * killed at any moment delivers, after its restart, what it had not finished, with the same ids
 * (at least once; at most the one event under way is repeated). A listing that failed, or that
 * looks cut short (more than half of the people gone at once), makes no event. A slow handler slows
 * the watch; nothing is dropped and memory holds one group's changes at a time.
 *
 * <p>Several servers. Watches that share a store (PostgreSQL with {@code sdk-fleet}) share the
 * groups: one watcher at a time holds a group's lease and lists it; a watcher that dies loses its
 * leases after {@link Builder#lease} and another takes its groups over.
 *
 * <p>Threads. Everything a watch does that may block (the store, your handler, the listener) runs
 * on the executor you give; waits between listings hold no thread. {@link #close()} stops it.
 */
public interface MembershipWatch extends AutoCloseable {

    /**
     * A listing that loses at least this many people, and more than half of them, at once is held back until the next one confirms it.
     */
    int SUSPECT_MIN = 3;

    /**
     * A builder over a source; most callers use {@link io.groupkit.core.GroupMembership#watch()}.
     *
     * @param source what the watch reads
     * @return a builder
     */
    static Builder builder(WatchSource source) {
        return new Builder(Objects.requireNonNull(source, "source must not be null"));
    }

    /**
     * The groups this watch was given.
     *
     * @return the groups
     */
    List<GroupRef> groups();

    /**
     * The groups this watcher holds the lease of now (all of them, unless other watchers share the store).
     *
     * @return the groups
     */
    Set<GroupRef> held();

    /**
     * The pause between two listings now.
     *
     * @return the pause
     */
    Duration pause();

    /**
     * This watcher's name in leases.
     *
     * @return the owner
     */
    String owner();

    /**
     * Stops the watch: no listing starts after this returns, an event your handler is handling is
     * finished (this waits for it, unless called from the handler itself), and the leases this
     * watcher holds are given up so others take the groups at once. Closing twice does nothing.
     * The store is not closed: it is yours.
     */
    @Override
    void close();

    /** Builds and starts a {@link MembershipWatch}; not thread-safe. */
    final class Builder {
        private final WatchSource source;
        private final Map<String, GroupRef> groups = new LinkedHashMap<>();
        private MembershipStore store = MembershipStore.inMemory();
        private @Nullable Executor executor;
        private Duration interval = Duration.ofSeconds(30);
        private Duration lease = Duration.ofSeconds(60);
        private String owner = defaultOwner();
        private WatchListener listener = WatchListener.NONE;
        private double share = 0.5;

        private Builder(WatchSource source) {
            this.source = source;
        }

        /**
         * Adds groups to watch.
         *
         * @param more the groups
         * @return this builder
         */
        public Builder groups(GroupRef... more) {
            return groups(List.of(more));
        }

        /**
         * Adds groups to watch; a group given twice is watched once.
         *
         * @param more the groups
         * @return this builder
         */
        public Builder groups(Collection<? extends GroupRef> more) {
            for (GroupRef g : more) {
                Objects.requireNonNull(g, "a group must not be null");
                if (!source.capabilities().accepts(g)) {
                    throw new IllegalArgumentException(source.accountKey() + " takes group references of type "
                            + source.capabilities().groupRefTypes().stream().map(Class::getSimpleName).sorted().toList()
                            + ", got " + g.getClass().getSimpleName());
                }
                groups.putIfAbsent(g.key(), g);
            }
            return this;
        }

        /**
         * Where the watch keeps what it has seen; default: in memory (nothing survives a restart).
         *
         * @param where the store
         * @return this builder
         */
        public Builder store(MembershipStore where) {
            this.store = Objects.requireNonNull(where, "store must not be null");
            return this;
        }

        /**
         * Where the handler, the listener and the store's calls run; required (GroupKit has no pool).
         * The watch uses one of its threads at a time.
         *
         * @param runOn the executor; it must accept every task
         * @return this builder
         */
        public Builder executor(Executor runOn) {
            this.executor = Objects.requireNonNull(runOn, "executor must not be null");
            return this;
        }

        /**
         * How often each group should be listed; default 30 s. The provider's listing limit and the
         * traffic of the moment may make it longer (see {@link MembershipWatch#pause()}).
         *
         * @param every at least 1 ms
         * @return this builder
         */
        public Builder interval(Duration every) {
            this.interval = positive(every, "interval");
            return this;
        }

        /**
         * How long a group stays this watcher's without a visit; default 60 s, and never less than
         * three rounds of listings. Another watcher takes a dead one's groups after it.
         *
         * @param duration at least 1 ms
         * @return this builder
         */
        public Builder lease(Duration duration) {
            this.lease = positive(duration, "lease");
            return this;
        }

        /**
         * This watcher's name in the store's leases; default: host, process id and a random part.
         * Two watches must never share one.
         *
         * @param name not blank
         * @return this builder
         */
        public Builder owner(String name) {
            Objects.requireNonNull(name, "owner must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("expected a non-blank owner name");
            }
            this.owner = name;
            return this;
        }

        /**
         * Told what the watch does.
         *
         * @param watchListener the listener
         * @return this builder
         */
        public Builder listener(WatchListener watchListener) {
            this.listener = Objects.requireNonNull(watchListener, "listener must not be null");
            return this;
        }

        /**
         * The part of the provider's listing limit the watch may use; default 0.5, leaving the rest
         * to adds, pre-checks and read-backs (Green-API's {@code getGroupData} is one request per second
         * per instance: half of it lists a group every two seconds).
         *
         * @param part above 0, at most 1
         * @return this builder
         */
        public Builder share(double part) {
            if (!(part > 0 && part <= 1)) {
                throw new IllegalArgumentException("expected a share above 0 and at most 1, got " + part);
            }
            this.share = part;
            return this;
        }

        /**
         * Starts the watch.
         *
         * @param handler what to do with each event
         * @return the running watch
         * @throws IllegalStateException if no group or no executor was given, or the provider can
         *     neither list members nor push events
         */
        public MembershipWatch start(MembershipEventHandler handler) {
            Objects.requireNonNull(handler, "handler must not be null");
            if (groups.isEmpty()) {
                throw new IllegalStateException("expected at least one group to watch: call groups(...)");
            }
            if (executor == null) {
                throw new IllegalStateException("expected an executor for the handler: call executor(...);"
                        + " GroupKit keeps no thread pool of its own");
            }
            if (source.capabilities().eventKinds().isEmpty()) {
                throw new IllegalStateException(source.accountKey() + " can neither list members nor push events:"
                        + " there is nothing to watch");
            }
            return new Watcher(source, new ArrayList<>(groups.values()), store, executor, handler, listener, owner, lease,
                    interval, share).start();
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " must not be null");
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException("expected a " + name + " of at least 1 ms, got " + d);
            }
            return d;
        }

        private static String defaultOwner() {
            // Not InetAddress.getLocalHost(): it can wait seconds on a resolver.
            String host = System.getenv().getOrDefault("HOSTNAME", "host");
            return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
