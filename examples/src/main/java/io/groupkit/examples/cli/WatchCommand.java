package io.groupkit.examples.cli;

import io.groupkit.core.Cancellation;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.InvitationState;
import io.groupkit.core.events.Invitations;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code groupkit <provider> watch GROUP...} and {@code groupkit <provider> invitations GROUP}:
 * events printed as they come until Ctrl-C, and the invitations recorded with {@code --state}.
 */
final class WatchCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final EventLines lines;
    private final boolean json;
    private final Function<GroupRef, String> write;
    private final String provider; // as on the command line, for advice
    private volatile boolean refused; // the provider refused the credentials: exit as every command does then

    WatchCommand(PrintStream out, PrintStream err, EventLines lines, boolean json, Function<GroupRef, String> write,
                 String provider) {
        this.provider = provider;
        this.out = out;
        this.err = err;
        this.lines = lines;
        this.json = json;
        this.write = write;
    }

    /**
     * Watches until Ctrl-C (or a group that is not there at the first look, or standard output
     * closed). The executor is this command's own single thread, shut down when it ends.
     */
    int watch(GroupMembership client, List<GroupRef> groups, MembershipStore store, @Nullable Path state,
              Duration interval, Cancellation cancellation) {
        CompletableFuture<String> fatal = new CompletableFuture<>();
        Set<String> listed = ConcurrentHashMap.newKeySet();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "groupkit-watch");
            t.setDaemon(true); // Ctrl-C ends the JVM even if a listing hangs
            return t;
        });
        MembershipWatch watch;
        try {
            watch = client.watch().groups(groups).store(store).executor(executor).interval(interval)
                    .listener(new Notes(listed, fatal)).start(event -> print(event, fatal));
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        err.println("(watching " + groups.size() + (groups.size() == 1 ? " group" : " groups") + ", each looked at about every "
                + EventLines.took(watch.pause().multipliedBy(groups.size())) + "; Ctrl-C stops"
                + (state == null ? "; without --state nothing is kept: the next run starts from a new baseline)"
                : "; state in " + state + ": the same command resumes where this one stops)"));
        try {
            CompletableFuture.anyOf(cancellation.whenCancelled().toCompletableFuture(), fatal).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // neither completes exceptionally
        } finally {
            watch.close(); // the event being printed is finished and saved; the leases are given up
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fatal.isDone()) {
            err.println("groupkit: " + fatal.join());
            return refused ? ExitCodes.CREDENTIALS : ExitCodes.NOT_DONE;
        }
        return ExitCodes.DONE;
    }

    private void print(MembershipEvent event, CompletableFuture<String> fatal) throws Exception {
        synchronized (out) {
            out.println(json ? lines.json(event) : lines.line(event));
            out.flush();
            if (out.checkError()) {
                // Not printed, so not recorded as delivered: the next run prints it.
                fatal.complete("standard output is closed; stopped");
                throw new java.io.IOException("standard output is closed");
            }
        }
    }

    /** What the watch does, on standard error: each group's first listing, and every problem. */
    private final class Notes implements WatchListener {
        private final Set<String> listed;
        private final CompletableFuture<String> fatal;
        private @Nullable Duration lastPause;

        Notes(Set<String> listed, CompletableFuture<String> fatal) {
            this.listed = listed;
            this.fatal = fatal;
        }

        @Override
        public void listed(GroupRef group, int members, int events, Duration took) {
            if (listed.add(group.key())) {
                // The first turn of this run: a new baseline, or a resume from --state (then what changed
                // meanwhile follows; a group followed by its record is read, not listed).
                err.println("(" + write.apply(group) + ": " + members + (members == 1 ? " member" : " members") + "; "
                        + (events == 0 ? "changes from now on are printed"
                        : events + (events == 1 ? " change" : " changes") + " since the last look, printed now") + ")");
            }
        }

        @Override
        public void problem(WatchProblem p) {
            String group = p.group().map(write).orElse("");
            if (p.kind() == WatchProblem.Kind.GROUP_GONE && p.group().isPresent() && !listed.contains(p.group().get().key())) {
                // Never listed in this run: a typo far more often than a group that just went away.
                fatal.complete(group + ": the provider says there is no such group, or the account is not in it"
                        + " ('groupkit " + provider + " groups' lists the account's groups)");
                return;
            }
            if (p.outcome().filter(o -> o instanceof io.groupkit.core.Unauthorized).isPresent()) {
                // Refused credentials do not come right by waiting: stop, as every other command does.
                refused = true;
                fatal.complete("the provider refused the credentials: " + p.outcome().get().detail().description());
                return;
            }
            err.println("groupkit: watch: " + p.kind() + (group.isEmpty() ? "" : " " + group) + ": " + p.message()
                    + p.outcome().map(o -> " (" + o.kind() + " " + o.detail().code() + ")").orElse(""));
        }

        @Override
        public void leaseLost(GroupRef group) {
            err.println("(" + write.apply(group) + ": another watcher of the same store has it now)");
        }

        @Override
        public void paceChanged(Duration pause) {
            boolean slower = lastPause == null || pause.compareTo(lastPause) > 0;
            lastPause = pause;
            err.println(slower ? "(listings wait for the provider's limit: a listing every " + EventLines.took(pause) + " now)"
                    : "(the provider's limit has room again: a listing every " + EventLines.took(pause) + " now)");
        }
    }

    /** Who was invited to the group (recorded with --state), where each stands, and the counts. */
    int invitations(GroupMembership client, GroupRef group, MembershipStore store) {
        List<Invitation> all = client.invitations(store).toGroup(group);
        Instant now = Instant.now();
        Map<InvitationState, Integer> counts = Invitations.count(all, now);
        if (json) {
            all.forEach(i -> out.println(lines.json(i, now)));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("group", write.apply(group));
            summary.put("summary", counts);
            summary.put("total", all.size());
            out.println(EventLines.write(summary));
            return ExitCodes.DONE;
        }
        out.printf("%d %s to %s: %d joined, %d pending, %d expired%n", all.size(), all.size() == 1 ? "invitation"
                : "invitations", write.apply(group), counts.get(InvitationState.JOINED), counts.get(InvitationState.PENDING),
                counts.get(InvitationState.EXPIRED));
        all.forEach(i -> out.println(lines.line(i, now)));
        return ExitCodes.DONE;
    }
}
