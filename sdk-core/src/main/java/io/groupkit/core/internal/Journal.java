package io.groupkit.core.internal;

import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.Unavailable;
import io.groupkit.core.journal.BulkJournal;
import io.groupkit.core.journal.JournalClaim;
import io.groupkit.core.journal.JournalRun;
import io.groupkit.core.time.TimeSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk run's side of its journal: which people go out next (the journal's claims, or simply
 * the next ones when there is no journal), and what is written. Used by the running thread only.
 * A journal that fails stops the run: nothing is sent whose intent is not recorded.
 */
final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.core");

    private final @Nullable BulkJournal store;
    private final String job;
    private final GroupRef group;
    private final List<Member> people;
    private final Synthetic synthetic;
    private final TimeSource time;
    private final String[] keys;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final boolean[] claimedHere;
    private final ArrayDeque<Integer> fresh = new ArrayDeque<>();
    private final ArrayDeque<Integer> underWay = new ArrayDeque<>();
    private @Nullable JournalRun run;
    private int next; // without a journal: the next person
    private boolean exhausted;
    private @Nullable AddResult failure;
    private long lastKeepAlive;

    /** A unit to start: people by index, and what to do with them. */
    record Unit(List<Integer> people, Action action) {
        /** No one for now: other workers hold the rest; ask again later. */
        static final Unit WAIT_FOR_OTHERS = new Unit(List.of(), Action.WAIT_FOR_OTHERS);

        /** What to do with a unit's people. */
        enum Action {
            /** Send them (none: everyone is done). */
            SEND,
            /** They were under way before: settle them first (check the group's members). */
            SETTLE,
            /** There are none: wait for the other workers. */
            WAIT_FOR_OTHERS
        }

        boolean settle() {
            return action == Action.SETTLE;
        }

        boolean waitForOthers() {
            return action == Action.WAIT_FOR_OTHERS;
        }
    }

    // WAIT_FOR_OTHERS answers since people were last handed out: the wait before looking again grows with it
    private int waitsInARow;

    Journal(BulkOptions options, GroupRef group, List<Member> people, Synthetic synthetic, TimeSource time) {
        this.store = options.journal().orElse(null);
        this.job = options.job().orElse("");
        this.group = group;
        this.people = people;
        this.synthetic = synthetic;
        this.time = time;
        this.keys = store == null ? new String[0] : keys(job, people);
        this.claimedHere = new boolean[people.size()];
        for (int i = 0; i < keys.length; i++) {
            indexOf.put(keys[i], i);
        }
    }

    boolean on() {
        return store != null;
    }

    /**
     * Opens the job; false if the journal cannot be reached.
     *
     * @throws IllegalArgumentException if the job belongs to another group (the caller's mistake)
     */
    boolean open() {
        if (store == null) {
            return true;
        }
        try {
            run = store.open(job, group.key(), List.of(keys));
            lastKeepAlive = time.nanoTime();
            return true;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed("open", e);
        }
    }

    /**
     * The next unit of up to {@code size} people: empty when everyone is done or held elsewhere;
     * null when the journal failed.
     */
    @Nullable Unit next(int size) {
        if (store == null) {
            int from = next;
            next = Math.min(people.size(), from + size);
            List<Integer> unit = new ArrayList<>();
            for (int i = from; i < next; i++) {
                unit.add(i);
            }
            return new Unit(unit, Unit.Action.SEND);
        }
        JournalRun run = this.run;
        if (run == null) {
            throw new IllegalStateException("the journal is asked for people before it was opened");
        }
        while (fresh.isEmpty() && underWay.isEmpty() && !exhausted) {
            List<JournalClaim> claims;
            try {
                claims = run.claim(size);
            } catch (RuntimeException e) {
                failed("claim", e);
                return null;
            }
            if (claims.isEmpty()) {
                int held;
                try {
                    held = run.heldElsewhere();
                } catch (RuntimeException e) {
                    failed("count the claims of other workers in", e);
                    return null;
                }
                if (held > 0) {
                    waitsInARow++;
                    return Unit.WAIT_FOR_OTHERS;
                }
                exhausted = true;
            }
            for (JournalClaim c : claims) {
                Integer i = indexOf.get(c.person());
                if (i == null || claimedHere[i]) {
                    continue; // not a person of this input, or handed out twice: never sent twice
                }
                claimedHere[i] = true;
                (c.underWay() || c.outcome().map(Journal::lost).orElse(false) ? underWay : fresh).add(i);
            }
        }
        waitsInARow = 0;
        ArrayDeque<Integer> from = underWay.isEmpty() ? fresh : underWay;
        List<Integer> unit = new ArrayList<>();
        while (!from.isEmpty() && unit.size() < size) {
            unit.add(from.poll());
        }
        return new Unit(unit, from == underWay && !unit.isEmpty() ? Unit.Action.SETTLE : Unit.Action.SEND);
    }

    private static boolean lost(String outcome) {
        try {
            return OutcomeCodec.decode(outcome) instanceof Indeterminate;
        } catch (RuntimeException e) {
            return true; // unreadable: check before sending, as if lost
        }
    }

    /** Records that a unit is about to be sent; false if the journal failed (then it is not sent). */
    boolean intend(List<Integer> unit) {
        if (run == null) {
            return true;
        }
        try {
            run.intend(unit.stream().map(i -> keys[i]).toList());
            return true;
        } catch (RuntimeException e) {
            return failed("record the intent in", e);
        }
    }

    /** Records an outcome; false if the journal failed. */
    boolean record(int index, AddResult r) {
        if (run == null) {
            return true;
        }
        try {
            run.record(keys[index], OutcomeCodec.encode(r), OutcomeCodec.finality(r));
            return true;
        } catch (RuntimeException e) {
            return failed("record an outcome in", e);
        }
    }

    /** People with a final outcome in the journal, by index, whoever recorded it. */
    Map<Integer, AddResult> finishedElsewhere() {
        Map<Integer, AddResult> done = new HashMap<>();
        if (run == null) {
            return done;
        }
        try {
            run.finished().forEach((key, outcome) -> {
                Integer i = indexOf.get(key);
                if (i != null) {
                    done.put(i, OutcomeCodec.decode(outcome));
                }
            });
        } catch (RuntimeException e) {
            failed("read the finished people from", e);
        }
        return done;
    }

    /** Whether a person not sent here is another worker's: the claims ran out without them. */
    boolean heldElsewhere(int index) {
        return run != null && exhausted && !claimedHere[index];
    }

    /** How long to wait before asking again for people other workers hold. */
    long retryMillis() {
        Optional<Duration> lease = run == null ? Optional.empty() : run.lease();
        long most = lease.map(l -> Math.max(50, l.toMillis() / 3)).orElse(1_000L);
        // Another worker that holds people is usually about to finish them: look again soon, then
        // less often (a dead worker's claims take a whole lease to come free). Waiting a third of
        // the lease at once made a worker report up to 20 s (lease 60 s) after the job was done.
        long soon = 250L << Math.min(Math.max(0, waitsInARow - 1), 10);
        return Math.min(most, Math.max(50, soon));
    }

    /** How long the running thread may wait before it must keep the claims alive. */
    long keepAliveMillis() {
        Optional<Duration> lease = run == null ? Optional.empty() : run.lease();
        return lease.map(l -> Math.max(1, l.toMillis() / 3)).orElse(Long.MAX_VALUE);
    }

    /** Keeps a shared store's claims this run's, when a third of the lease has passed. */
    void keepAlive() {
        if (run == null || run.lease().isEmpty()) {
            return;
        }
        long now = time.nanoTime();
        if (now - lastKeepAlive < run.lease().get().toNanos() / 3) {
            return;
        }
        lastKeepAlive = now;
        try {
            run.keepAlive();
        } catch (RuntimeException e) {
            failed("keep the claims alive in", e);
        }
    }

    void close() {
        if (run != null) {
            try {
                run.close();
            } catch (RuntimeException e) {
                LOG.warn("the bulk journal could not close job {} ({}); its claims run out with their lease", job,
                        e.getClass().getName());
            }
        }
    }

    /** Why the run stopped, once the journal failed. */
    AddResult failure() {
        return failure != null ? failure : new Unavailable(synthetic.detail("JOURNAL_UNAVAILABLE", "the bulk journal failed"));
    }

    /** The answer a person under way in an earlier run stands with until their membership is checked. */
    AddResult underWayBefore() {
        return new Indeterminate(synthetic.detail("UNDER_WAY_IN_EARLIER_RUN", "an earlier run of job \"" + job
                + "\" sent this person and ended before the answer was recorded"));
    }

    private boolean failed(String what, RuntimeException e) {
        if (failure == null) {
            LOG.error("the bulk journal failed ({}): job {} stops, nothing more is sent", e.getClass().getName(), job);
            failure = new Unavailable(synthetic.detail("JOURNAL_UNAVAILABLE", "could not " + what + " the bulk journal ("
                    + e.getClass().getSimpleName() + "); nothing more was sent").withRemedy("Check the journal's store, then"
                    + " run the same job again: it goes on where it stopped."));
        }
        return false;
    }

    /**
     * One key per person of the input: the first 16 bytes of the SHA-256 of the job, the
     * person and how often they came before in the input. No personal data reaches the journal.
     */
    private static String[] keys(String job, List<Member> people) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        Map<String, Integer> seen = new HashMap<>();
        String[] keys = new String[people.size()];
        for (int i = 0; i < keys.length; i++) {
            Member m = people.get(i);
            String id = m.kind() + ":" + m.value();
            int occurrence = seen.merge(id, 1, Integer::sum) - 1;
            byte[] hash = sha.digest((job + "\n" + id + "\n" + occurrence).getBytes(StandardCharsets.UTF_8));
            keys[i] = HexFormat.of().formatHex(hash, 0, 16);
        }
        return keys;
    }
}
