package io.groupkit.core.internal;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.Confirmation;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.Unavailable;
import io.groupkit.core.internal.Attempts.Step;
import io.groupkit.core.internal.Attempts.Verdict;
import io.groupkit.core.internal.Attempts.Verdict.Final;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Lost answers, settled before anything is sent again: the provider's one membership question
 * (over a listing where the provider can list) gives a verdict: the change was made (final), was
 * not made (resend), or cannot be told (the lost answer stands).
 */
final class Settlement {
    private final MembershipProvider provider;
    private final Attempts attempts;
    private final Listings listings;
    private final Listening listening;
    private final Synthetic synthetic;

    Settlement(MembershipProvider provider, Attempts attempts, Listings listings, Listening listening, Synthetic synthetic) {
        this.provider = provider;
        this.attempts = attempts;
        this.listings = listings;
        this.listening = listening;
        this.synthetic = synthetic;
    }

    /** An add's answer: a lost one is checked against a listing of its own. */
    CompletionStage<Verdict<AddResult>> add(Invocation inv, GroupRef group, Member member, AddResult r) {
        return add(inv, group, member, r, () -> listings.forSettlement(inv, group));
    }

    /** An add's answer, checked against a listing that several people share (one lost batch). */
    CompletionStage<Verdict<AddResult>> add(Invocation inv, GroupRef group, Member member, AddResult r,
                                            Supplier<CompletionStage<MembersResult>> listing) {
        if (!(r instanceof Indeterminate lost)) {
            return CompletableFuture.completedFuture(new Final<>(r));
        }
        return check(inv, group, member, listing).thenApply(found -> told(inv, lost, found, switch (found) {
            case PRESENT -> new Final<>(new Added(synthetic.detail("VERIFIED_BY_MEMBERSHIP_CHECK",
                    "the add got no answer (" + lost.detail().code() + "); the group's member list shows the person"),
                    Confirmation.MEMBERSHIP_CHECK));
            case ABSENT -> resend(new Unavailable(synthetic.detail("NOT_ADDED_VERIFIED",
                    "the add got no answer (" + lost.detail().code() + "); the group's member list shows the person is not in it")));
            case UNKNOWN -> new Final<>(lost);
        }));
    }

    /** A removal's answer: a lost one is checked against a listing. */
    CompletionStage<Verdict<RemoveResult>> remove(Invocation inv, GroupRef group, Member member, RemoveResult r) {
        if (!(r instanceof Indeterminate lost)) {
            return CompletableFuture.completedFuture(new Final<>(r));
        }
        return check(inv, group, member, () -> listings.forSettlement(inv, group)).thenApply(found -> told(inv, lost, found,
                switch (found) {
                    case ABSENT -> new Final<>(new Removed(synthetic.detail("VERIFIED_BY_MEMBERSHIP_CHECK",
                            "the removal got no answer (" + lost.detail().code()
                                    + "); the group's member list no longer shows the person"), Confirmation.MEMBERSHIP_CHECK));
                    case PRESENT -> resend(new Unavailable(synthetic.detail("NOT_REMOVED_VERIFIED", "the removal got no answer ("
                            + lost.detail().code() + "); the group's member list still shows the person")));
                    case UNKNOWN -> new Final<>(lost);
                }));
    }

    /** Checked and not done: sending again is due; the answer stands if no attempt is left. */
    private static <R extends Outcome> Verdict<R> resend(R absent) {
        return new Verdict.Resend<>(absent, absent);
    }

    private <R extends Outcome> Verdict<R> told(Invocation inv, Outcome lost, MembershipCheck found,
                                                Verdict<R> settled) {
        if (inv.call() != null) {
            listening.settled(inv.call(), lost, found, settled.answer());
        }
        return settled;
    }

    private CompletionStage<MembershipCheck> check(Invocation inv, GroupRef group, Member member,
                                                   Supplier<CompletionStage<MembersResult>> listing) {
        if (!listings.settleBy(group)) {
            return attempts.run(question(group, member, attempts.limits(Operation.MEMBERS), Optional.empty()), inv.quiet());
        }
        // The listing was paced and attempted as a call of its own: reading it needs no permit.
        return Stages.invoke(listing).thenCompose(members -> attempts.run(question(group, member, List.of(),
                        Optional.of(members)), inv.quiet()))
                .exceptionally(e -> MembershipCheck.UNKNOWN);
    }

    /** One question, asked once: a check that cannot be made is UNKNOWN, never a reason to resend. */
    private Step<MembershipCheck> question(GroupRef group, Member member, List<RateLimit> limits,
                                           Optional<MembersResult> listing) {
        return Step.of("MEMBERSHIP_CHECK", limits, MembershipClient.describe(group, member),
                ctx -> provider.isMember(ctx, group, member, listing), (op, e) -> MembershipCheck.UNKNOWN,
                found -> Optional.empty());
    }
}
