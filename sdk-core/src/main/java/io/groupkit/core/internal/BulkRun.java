package io.groupkit.core.internal;

import io.groupkit.core.AddResult;
import io.groupkit.core.BulkEntry;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkProgress;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Cancellation;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulk add: people go out in units (one person, or one batch where the provider has batches),
 * at most {@code concurrency} units under way; each outcome is recorded as it arrives, and the run
 * stops starting units once cancelled or once an outcome halts it.
 *
 * <p>A journaled run takes its people from the journal's claims, records their intent before a
 * unit starts and their outcomes as they come, all on the thread that runs it (the journal may
 * block; completions only queue what to write). People under way in an earlier run are settled
 * (checked against the group's members) before anything is sent to them.
 */
final class BulkRun {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.core");

    private final AddPipeline adds;
    private final Calls calls;
    private final Listening listening;
    private final Synthetic synthetic;
    private final Capabilities capabilities;
    private final TimeSource time;
    private final String provider;
    private final GroupRef group;
    private final List<Member> people;
    private final BulkOptions options;
    private final int unitSize; // people per request: 1, or the provider's batch size
    private final long startNanos;

    private final Object lock = new Object();
    private final CompletableFuture<Void> haltSignal = new CompletableFuture<>();
    private final Halt halt;
    private final AddResult[] outcomes;
    private final boolean[] sent; // a unit began for this person and was not halted unsent
    private final CompletableFuture<Void> allReported = new CompletableFuture<>();
    /** What completions hand to the running thread: outcomes to journal, or a nudge to look again. */
    private final LinkedBlockingQueue<Object> handOver = new LinkedBlockingQueue<>();
    private static final Object NUDGE = new Object();
    private final Journal journal;
    private final boolean[] settling; // started as under way in an earlier run
    private int underWay;
    private boolean closed; // the report is made: late outcomes are dropped
    private final Map<OutcomeKind, Integer> counts = new EnumMap<>(OutcomeKind.class);
    private int done;
    private int total; // people this run sends: a journal's people done before are not among them
    private @Nullable AddResult stoppedBy; // the outcome that stopped the run, if one did
    private boolean callbackFailed;

    BulkRun(AddPipeline adds, Calls calls, Listening listening, Synthetic synthetic, Capabilities capabilities, TimeSource time,
            String provider, GroupRef group, List<Member> people, BulkOptions options) {
        this.adds = adds;
        this.calls = calls;
        this.listening = listening;
        this.synthetic = synthetic;
        this.capabilities = capabilities;
        this.time = time;
        this.provider = provider;
        this.group = group;
        this.people = people;
        this.options = options;
        this.unitSize = options.batches() == BulkOptions.Batches.WHERE_SUPPORTED
                && capabilities.supports(Operation.ADD_BATCH) ? capabilities.maxBatchSize() : 1;
        this.outcomes = new AddResult[people.size()];
        this.sent = new boolean[people.size()];
        this.settling = new boolean[people.size()];
        this.journal = new Journal(options, group, people, synthetic, time);
        this.total = people.size();
        this.startNanos = time.nanoTime();
        options.cancellation().ifPresent(c -> c.whenCancelled().thenRun(() -> haltSignal.complete(null)));
        this.halt = new Halt(this::stopping, haltSignal);
    }

    BulkReport run() {
        Semaphore slots = new Semaphore(options.concurrency());
        // A cancellation or a stop wakes a loop waiting for a free slot: it starts nothing more.
        haltSignal.thenRun(() -> {
            slots.release(options.concurrency());
            handOver.add(NUDGE);
        });
        boolean interrupted = false;
        try {
            if (!journal.open()) {
                stop(journal.failure());
            } else if (journal.on()) {
                // People a journal has as done are skipped, never reported: progress counts to the rest.
                int before = journal.finishedElsewhere().size();
                synchronized (lock) {
                    total = people.size() - before;
                }
            }
            while (!stopping()) {
                writeHandedOver(); // outcomes reach the journal as they come, not at the end
                if (!acquire(slots)) {
                    interrupted = true; // an interrupt cancels the run; the flag is restored below
                    break;
                }
                if (stopping()) {
                    slots.release();
                    break;
                }
                Journal.Unit unit = journal.next(unitSize);
                if (unit == null) {
                    stop(journal.failure());
                    slots.release();
                    break;
                }
                if (unit.waitForOthers()) {
                    slots.release();
                    if (!handle(journal.retryMillis())) {
                        interrupted = true;
                        break;
                    }
                    continue;
                }
                if (unit.people().isEmpty()) {
                    slots.release();
                    break;
                }
                if (!journal.intend(unit.people())) {
                    stop(journal.failure());
                    slots.release();
                    break;
                }
                start(unit, slots);
            }
            synchronized (lock) {
                doneStarting = true;
                if (underWay == 0) {
                    allReported.complete(null);
                }
            }
            interrupted |= !awaitUnderWay();
            writeHandedOver();
            return report(interrupted);
        } finally {
            journal.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes a free slot, writing what completions hand over while it waits; false if interrupted. */
    private boolean acquire(Semaphore slots) {
        if (Thread.interrupted()) {
            return false;
        }
        while (!slots.tryAcquire()) {
            if (!handle(journal.keepAliveMillis())) {
                return false;
            }
        }
        return true;
    }

    /** Waits for one hand-over (or the keep-alive period) and deals with it; false if interrupted. */
    private boolean handle(long waitMillis) {
        Object item;
        try {
            item = handOver.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return false;
        }
        if (item instanceof Recorded r) {
            write(r);
        }
        journal.keepAlive();
        return true;
    }

    private void writeHandedOver() {
        for (Object item; (item = handOver.poll()) != null; ) {
            if (item instanceof Recorded r) {
                write(r);
            }
        }
    }

    private void write(Recorded r) {
        if (!journal.record(r.index(), r.outcome())) {
            stop(journal.failure());
        }
    }

    /** An outcome recorded in memory, for the running thread to journal. */
    private record Recorded(int index, AddResult outcome) {
    }

    private void start(Journal.Unit unit, Semaphore slots) {
        List<Integer> indexes = unit.people();
        synchronized (lock) {
            underWay++;
            for (int i : indexes) {
                sent[i] = true;
                settling[i] = unit.settle();
            }
        }
        List<Member> members = indexes.stream().map(people::get).toList();
        CompletionStage<List<AddResult>> work = Stages.invoke(() -> unit.settle() ? settle(members)
                : members.size() == 1 && unitSize == 1
                ? calls.observed(Operation.ADD.name(), null, inv -> adds.one(inv, group, members.get(0), halt)
                        .toCompletableFuture()).thenApply(List::of)
                : batch(members));
        work.whenComplete((results, e) -> {
            try {
                if (e != null && Stages.unwrap(e) instanceof Halt.Halted) {
                    synchronized (lock) {
                        for (int i : indexes) {
                            sent[i] = false; // never sent: reported as not attempted
                        }
                    }
                    return;
                }
                for (int k = 0; k < indexes.size(); k++) {
                    AddResult r = e == null && results != null && results.size() == indexes.size()
                            ? results.get(k)
                            : synthetic.failedWrite(Operation.ADD.name(), e == null ? new IllegalStateException("lost outcome") : e);
                    record(indexes.get(k), r);
                }
            } finally {
                slots.release();
                handOver.add(NUDGE);
                synchronized (lock) {
                    if (--underWay == 0 && doneStarting) {
                        allReported.complete(null);
                    }
                }
            }
        });
    }

    private void stop(AddResult why) {
        synchronized (lock) {
            if (stoppedBy == null) {
                stoppedBy = why;
            }
        }
        haltSignal.complete(null);
    }

    /**
     * Waits until every unit under way has reported, or, when the options say so, until the grace
     * after a cancellation has passed; units still under way then are abandoned. Writes what
     * completions hand over meanwhile.
     *
     * @return false if interrupted
     */
    private boolean awaitUnderWay() {
        Optional<java.time.Duration> grace = options.abandonAfterCancel();
        Optional<Cancellation> token = options.cancellation();
        CompletableFuture<Void> giveUp = grace.isPresent() && token.isPresent()
                ? token.get().whenCancelled().thenCompose(v -> time.alarm(grace.get())).toCompletableFuture()
                : new CompletableFuture<>();
        CompletableFuture.anyOf(allReported, giveUp).thenRun(() -> handOver.add(NUDGE));
        boolean interrupted = false;
        while (!allReported.isDone() && !giveUp.isDone()) {
            if (!handle(journal.keepAliveMillis())) {
                interrupted = true;
                CompletableFuture.anyOf(allReported, giveUp).join(); // still no call is left behind unreported
            }
        }
        synchronized (lock) {
            closed = true;
        }
        return !interrupted;
    }

    /** One batch: pre-checks, the batch request (retried whole while the whole batch is retryable), then per person. */
    private CompletionStage<List<AddResult>> batch(List<Member> unit) {
        return eachObserved(unit, calls -> batchOf(unit, calls));
    }

    /**
     * People whose call was under way when an earlier run ended: each one's membership is checked
     * (over one shared listing where the provider lists) before anything is sent; found, they are
     * added; verified absent, they are sent alone; when it cannot be told, the lost answer stands.
     * An invite link is attached where due, never sent: the earlier run may have sent it.
     */
    private CompletionStage<List<AddResult>> settle(List<Member> unit) {
        return eachObserved(unit, calls -> {
            Supplier<CompletionStage<MembersResult>> listing = adds.sharedListing(Invocation.NONE, group);
            List<CompletableFuture<AddResult>> all = new ArrayList<>();
            for (int i = 0; i < unit.size(); i++) {
                all.add(adds.afterEarlierRun(Invocation.of(calls.get(i)), group, unit.get(i), journal.underWayBefore(), listing)
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(x -> all.stream().map(CompletableFuture::join).toList());
        });
    }

    /** Each person of a unit is one call to the listener: started now, ended with their outcome. */
    private CompletionStage<List<AddResult>> eachObserved(List<Member> unit,
                                                          java.util.function.Function<List<GroupKitListener.Call>,
                                                                  CompletionStage<List<AddResult>>> work) {
        long begun = time.nanoTime();
        List<GroupKitListener.Call> calls = unit.stream().map(m -> listening.call(Operation.ADD.name())).toList();
        calls.forEach(listening::callStarted);
        return work.apply(calls).thenApply(results -> {
            java.time.Duration took = java.time.Duration.ofNanos(time.nanoTime() - begun);
            for (int i = 0; i < results.size() && i < calls.size(); i++) {
                listening.callEnded(calls.get(i), results.get(i), took);
            }
            return results;
        });
    }

    private CompletionStage<List<AddResult>> batchOf(List<Member> unit, List<GroupKitListener.Call> calls) {
        List<CompletionStage<Optional<AddResult>>> prechecks = new ArrayList<>();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (Member m : unit) {
            CompletableFuture<Optional<AddResult>> pre = new CompletableFuture<>();
            chain = chain.thenCompose(v -> adds.precheck(Invocation.NONE, group, m)).thenAccept(pre::complete);
            prechecks.add(pre);
        }
        return chain.thenCompose(v -> {
            List<Member> toSend = new ArrayList<>();
            for (int i = 0; i < unit.size(); i++) {
                if (prechecks.get(i).toCompletableFuture().join().isEmpty()) {
                    toSend.add(unit.get(i));
                }
            }
            CompletionStage<List<AddResult>> sent = toSend.isEmpty()
                    ? CompletableFuture.completedFuture(List.of()) : adds.sendBatch(Invocation.NONE, group, toSend);
            return sent.thenCompose(results -> {
                List<CompletableFuture<AddResult>> all = new ArrayList<>();
                Supplier<CompletionStage<MembersResult>> listing = adds.sharedListing(Invocation.NONE, group);
                int next = 0;
                for (int i = 0; i < unit.size(); i++) {
                    Optional<AddResult> pre = prechecks.get(i).toCompletableFuture().join();
                    AddResult r = pre.isPresent() ? pre.get() : results.get(next++);
                    all.add(settle(calls.get(i), unit.get(i), r, pre.isPresent(), listing).toCompletableFuture());
                }
                return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                        .thenApply(x -> all.stream().map(CompletableFuture::join).toList());
            });
        });
    }

    /** After a batch: a person the pre-check refused gets the fallback; the others are settled. */
    private CompletionStage<AddResult> settle(GroupKitListener.Call call, Member member, AddResult r, boolean fromPrecheck,
                                              Supplier<CompletionStage<MembersResult>> listing) {
        Invocation inv = Invocation.of(call);
        return fromPrecheck ? adds.fallback(inv, group, member, r) : adds.afterBatch(inv, group, member, r, listing);
    }

    private boolean doneStarting; // guarded by lock

    private boolean stopping() {
        Optional<Cancellation> token = options.cancellation();
        if (token.isPresent() && token.get().isCancelled()) {
            return true;
        }
        synchronized (lock) {
            return stoppedBy != null;
        }
    }

    private void record(int index, AddResult r) {
        synchronized (lock) {
            if (closed) {
                return; // abandoned after a cancellation: the report already says it is not known
            }
            outcomes[index] = r;
            if (journal.on()) {
                handOver.add(new Recorded(index, r));
            }
            done++;
            counts.merge(r.kind(), 1, Integer::sum);
            if (stoppedBy == null && options.stopWhen().test(r)) {
                stoppedBy = r;
                haltSignal.complete(null);
                LOG.warn("{} bulk add to {} stops: {} ({})", provider, MembershipClient.describe(group), r.kind(),
                        r.detail().code());
            }
            BulkProgress progress = new BulkProgress(done, Math.max(total, done), counts,
                    Duration.ofNanos(time.nanoTime() - startNanos));
            listening.bulkProgress(provider, progress);
            try {
                options.onProgress().accept(progress);
            } catch (RuntimeException e) {
                if (!callbackFailed) {
                    callbackFailed = true;
                    LOG.warn("the bulk progress callback threw {}; the run goes on", e.toString());
                }
            }
        }
    }

    private BulkReport report(boolean interrupted) {
        Map<Integer, AddResult> doneBefore = journal.finishedElsewhere();
        synchronized (lock) {
            List<BulkEntry> entries = new ArrayList<>();
            List<Member> notAttempted = new ArrayList<>();
            int skipped = 0;
            int settled = 0;
            int sentHere = 0;
            int elsewhere = 0;
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] != null || sent[i]) {
                    if (settling[i]) {
                        settled++;
                    } else {
                        sentHere++;
                    }
                }
                if (outcomes[i] != null) {
                    entries.add(new BulkEntry(i, people.get(i), outcomes[i]));
                } else if (sent[i]) {
                    entries.add(new BulkEntry(i, people.get(i), new io.groupkit.core.Indeterminate(synthetic.detail(
                            "UNDER_WAY_WHEN_CANCELLED", "the call was under way when the run was cancelled and was not"
                                    + " waited for: it may or may not take effect").withRemedy("List the group's members"
                            + " to see whether the person is in it before sending them again."))));
                } else if (doneBefore.containsKey(i)) {
                    entries.add(new BulkEntry(i, people.get(i), doneBefore.get(i)));
                    skipped++;
                } else {
                    notAttempted.add(people.get(i));
                    if (journal.heldElsewhere(i)) {
                        elsewhere++;
                    }
                }
            }
            boolean cancelled = interrupted || options.cancellation().map(Cancellation::isCancelled).orElse(false);
            Optional<BulkReport.Job> job = journal.on() ? Optional.of(new BulkReport.Job(options.job().orElseThrow(), skipped,
                    settled, sentHere, elsewhere, notAttempted.size() - elsewhere)) : Optional.empty();
            return new BulkReport(entries, notAttempted, Optional.ofNullable(stoppedBy), cancelled,
                    Duration.ofNanos(time.nanoTime() - startNanos), job);
        }
    }
}
