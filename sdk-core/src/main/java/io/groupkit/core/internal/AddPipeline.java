package io.groupkit.core.internal;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Confirmation;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.Unavailable;
import io.groupkit.core.internal.Attempts.Step;
import io.groupkit.core.internal.Attempts.Verdict;
import io.groupkit.core.internal.Attempts.Verdict.Final;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.spi.Operation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The add of a person, step by step: pre-check, then the attempt loop (a lost answer settled
 * with a verdict before anything is resent), then the invite-link fallback. A single add runs
 * {@link #one}; a bulk run composes the same steps, with batches where the provider has them.
 */
final class AddPipeline {
    private final MembershipProvider provider;
    private final Policies policies;
    private final Attempts attempts;
    private final Listings listings;
    private final Settlement settlement;
    private final InviteLinks inviteLinks;
    private final Synthetic synthetic;

    AddPipeline(MembershipProvider provider, Policies policies, Attempts attempts, Listings listings, Settlement settlement,
                InviteLinks inviteLinks, Synthetic synthetic) {
        this.provider = provider;
        this.policies = policies;
        this.attempts = attempts;
        this.listings = listings;
        this.settlement = settlement;
        this.inviteLinks = inviteLinks;
        this.synthetic = synthetic;
    }

    /**
     * The whole add of one person: pre-check, attempts, fallback; it gives up unsent (failing
     * with {@link Halt.Halted}) once {@code halt} says so.
     */
    CompletionStage<AddResult> one(Invocation inv, GroupRef group, Member member, Halt halt) {
        if (halt.halted()) {
            return CompletableFuture.failedFuture(new Halt.Halted());
        }
        return precheck(inv, group, member)
                .thenCompose(pre -> pre.isPresent() ? CompletableFuture.completedFuture(pre.get()) : send(inv, group, member, halt))
                .thenCompose(r -> fallback(inv, group, member, r));
    }

    /**
     * The pre-check (the person's number has an account, ...): a refusal to give without sending,
     * or empty. A pre-check that cannot run does not let an unchecked person through: Unavailable.
     */
    CompletionStage<Optional<AddResult>> precheck(Invocation inv, GroupRef group, Member member) {
        if (policies.prechecks() == Prechecks.OFF || !provider.capabilities().supports(Operation.PRECHECK)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return attempts.run(Step.<Optional<AddResult>>of(Operation.PRECHECK.name(), attempts.limits(Operation.PRECHECK),
                MembershipClient.describe(group, member), ctx -> provider.precheck(ctx, group, member),
                (op, e) -> Optional.of(e instanceof Attempts.NotSent || e instanceof Attempts.LimiterUnavailable
                        ? synthetic.failedRead(op, e)
                        : new Unavailable(synthetic.detail("PRECHECK_FAILED",
                        "the pre-check could not run, so the person was not sent to the group"))),
                pre -> pre.filter(Outcome::retryable).map(Outcome.class::cast)), inv.quiet());
    }

    /** The attempts of an add (after the pre-check), with retries and lost answers settled. */
    CompletionStage<AddResult> send(Invocation inv, GroupRef group, Member member) {
        return send(inv, group, member, Halt.NEVER);
    }

    private CompletionStage<AddResult> send(Invocation inv, GroupRef group, Member member, Halt halt) {
        AtomicReference<AddResult> reachedProvider = new AtomicReference<>();
        return attempts.run(Step.of(Operation.ADD.name(), attempts.limits(Operation.ADD), MembershipClient.describe(group, member),
                        ctx -> provider.add(ctx, group, member), synthetic::failedWrite)
                .settledBy(r -> settlement.add(inv, group, member, r).thenApply(v -> credit(v, r, reachedProvider))), inv, halt);
    }

    /** The batch request, retried whole while every answer in it is retryable. */
    CompletionStage<List<AddResult>> sendBatch(Invocation inv, GroupRef group, List<Member> toSend) {
        return attempts.run(Step.<List<AddResult>>of(Operation.ADD_BATCH.name(), attempts.limits(Operation.ADD_BATCH),
                MembershipClient.describe(group), ctx -> Stages.invoke(() -> provider.addBatch(ctx, group, toSend))
                        .thenApply(results -> complete(results, toSend)),
                (op, e) -> {
                    AddResult lost = synthetic.failedWrite(op, e);
                    return toSend.stream().map(m -> lost).toList();
                },
                results -> results.stream().allMatch(AddResult::retryable) ? Optional.of(results.get(0)) : Optional.empty()),
                inv.quiet());
    }

    /** A batch answer with one outcome per person, or a failure that reads as lost for all of them. */
    private static List<AddResult> complete(List<AddResult> results, List<Member> toSend) {
        if (results == null || results.size() != toSend.size() || results.stream().anyMatch(Objects::isNull)) {
            throw new IllegalStateException("the batch answered "
                    + (results == null ? "nothing" : results.size() + " outcomes for " + toSend.size()));
        }
        return results;
    }

    /**
     * One person's answer from a batch: a lost answer is settled against the batch's shared
     * listing; verified absent, or a retryable failure of their own, they go on alone through the
     * loop; then the fallback.
     */
    CompletionStage<AddResult> afterBatch(Invocation inv, GroupRef group, Member member, AddResult r,
                                          Supplier<CompletionStage<MembersResult>> listing) {
        return settleThenSend(inv, group, member, r, listing).thenCompose(settled -> fallback(inv, group, member, settled));
    }

    /**
     * A person whose call was under way when an earlier run of a journaled job ended: settled
     * like a lost answer of a batch, then sent alone if verified absent; an invite link is
     * attached where due but not sent, as that run may have sent it.
     */
    CompletionStage<AddResult> afterEarlierRun(Invocation inv, GroupRef group, Member member, AddResult lost,
                                               Supplier<CompletionStage<MembersResult>> listing) {
        return settleThenSend(inv, group, member, lost, listing)
                .thenCompose(settled -> inviteLinks.fallbackWithoutSending(inv, group, member, settled));
    }

    private CompletionStage<AddResult> settleThenSend(Invocation inv, GroupRef group, Member member, AddResult r,
                                                      Supplier<CompletionStage<MembersResult>> listing) {
        return settlement.add(inv, group, member, r, listing)
                .thenCompose(verdict -> verdict instanceof Verdict.Resend<AddResult> || verdict.answer().retryable()
                        ? send(inv, group, member) : CompletableFuture.completedFuture(verdict.answer()));
    }

    /** The invite-link fallback for one outcome. */
    CompletionStage<AddResult> fallback(Invocation inv, GroupRef group, Member member, AddResult r) {
        return inviteLinks.fallback(inv, group, member, r);
    }

    /** One listing for the lost answers of a whole batch. */
    Supplier<CompletionStage<MembersResult>> sharedListing(Invocation inv, GroupRef group) {
        return listings.shared(inv, group);
    }

    /**
     * An attempt that follows one which reached the provider and may have taken effect (a 5xx the
     * provider advises retrying, a lost answer): the person found in the group is this call's
     * doing, so "already a member" counts as added.
     */
    private Verdict<AddResult> credit(Verdict<AddResult> settled, AddResult attempt, AtomicReference<AddResult> reachedProvider) {
        AddResult earlier = reachedProvider.get();
        if (mayHaveApplied(attempt)) {
            reachedProvider.compareAndSet(null, attempt);
        }
        if (earlier != null && settled instanceof Final<AddResult> f && f.answer() instanceof AlreadyMember) {
            return new Final<>(new Added(synthetic.detail("ADDED_BY_EARLIER_ATTEMPT", "an earlier attempt reached the provider"
                    + " and failed (" + earlier.detail().code() + "); the retry found the person in the group already"),
                    Confirmation.MEMBERSHIP_CHECK));
        }
        return settled;
    }

    /**
     * Whether an attempt's outcome leaves open that the provider carried the change out: a lost
     * answer, or a server error after the request reached it (500, 502, 504…; not 503, which
     * refuses the request).
     */
    private static boolean mayHaveApplied(Outcome attempt) {
        if (attempt instanceof Indeterminate) {
            return true;
        }
        int status = attempt instanceof Unavailable u ? u.detail().status().orElse(0) : 0;
        return status >= 500 && status != 503;
    }
}
