package io.groupkit.core.internal;

import io.groupkit.core.GroupRef;
import io.groupkit.core.MembersResult;
import io.groupkit.core.internal.Attempts.Step;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** A group's members, listed through the loop: for the caller, and to settle lost answers. */
final class Listings {
    private final MembershipProvider provider;
    private final Attempts attempts;
    private final Listening listening;
    private final Synthetic synthetic;

    Listings(MembershipProvider provider, Attempts attempts, Listening listening, Synthetic synthetic) {
        this.provider = provider;
        this.attempts = attempts;
        this.listening = listening;
        this.synthetic = synthetic;
    }

    boolean available() {
        return provider.capabilities().supports(Operation.MEMBERS);
    }

    /** Whether a lost answer in this group is settled from a listing (else by asking about the person). */
    boolean settleBy(GroupRef group) {
        return available() && provider.settlesByListing(group);
    }

    /** One listing, as the caller's call or inside one. */
    CompletionStage<MembersResult> members(Invocation inv, GroupRef group) {
        if (!available()) {
            return CompletableFuture.completedFuture(synthetic.unsupported(Operation.MEMBERS));
        }
        return attempts.run(Step.of(Operation.MEMBERS.name(), attempts.limits(Operation.MEMBERS), MembershipClient.describe(group),
                ctx -> provider.members(ctx, group), synthetic::failedRead), inv);
    }

    /** A listing made to settle a lost answer: its waits and attempts are told as a call of its own. */
    CompletionStage<MembersResult> forSettlement(Invocation inv, GroupRef group) {
        return members(inv.with(listening.call(Operation.MEMBERS.name())), group);
    }

    /**
     * The group's members, listed on the first call only and shared by every later call: for
     * settling the lost answers of one batch with one listing, not one each.
     */
    Supplier<CompletionStage<MembersResult>> shared(Invocation inv, GroupRef group) {
        return Stages.once(() -> forSettlement(inv, group), e -> synthetic.failedRead(Operation.MEMBERS.name(),
                e != null ? Stages.unwrap(e) : new NullPointerException("no listing")));
    }
}
