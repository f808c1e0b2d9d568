package io.groupkit.core.spi;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Policies;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.internal.MembershipClient;
import io.groupkit.core.policy.RateLimit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A base for a provider's own client class: the common operations come with GroupKit's policies,
 * and {@link #execute} runs the provider's further operations (create a group, set an owner) under
 * the same pacing, retries and attempt timeout. Subclasses stay immutable and thread-safe.
 */
public abstract class ProviderClient implements GroupMembership {
    private final MembershipClient core;

    /**
     * A client over a provider.
     *
     * @param provider the provider
     * @param policies the policies
     */
    protected ProviderClient(MembershipProvider provider, Policies policies) {
        this.core = new MembershipClient(provider, policies);
    }

    /**
     * Runs a provider-specific operation with the client's pacing, retries and attempt timeout.
     * A call that fails in the provider or times out is {@link io.groupkit.core.Indeterminate} if
     * it {@link Effect#CHANGES} something, {@link io.groupkit.core.Unavailable} if it is
     * {@link Effect#SAFE_TO_REPEAT}.
     *
     * @param op the operation's name, for logs
     * @param limits the rate limits each attempt waits for
     * @param effect whether a lost answer may hide a change
     * @param call one attempt
     * @return the outcome; the future does not fail
     */
    protected final CompletableFuture<ActionResult> execute(String op, List<RateLimit> limits, Effect effect,
                                                            Function<AttemptContext, CompletionStage<ActionResult>> call) {
        return core.execute(op, limits, effect, call);
    }

    /**
     * {@link #execute}, waiting for the outcome.
     *
     * @param op the operation's name
     * @param limits the rate limits
     * @param effect whether a lost answer may hide a change
     * @param call one attempt
     * @return the outcome
     */
    protected final ActionResult executeAndWait(String op, List<RateLimit> limits, Effect effect,
                                                Function<AttemptContext, CompletionStage<ActionResult>> call) {
        return core.executeAndWait(op, limits, effect, call);
    }

    @Override
    public final String provider() {
        return core.provider();
    }

    @Override
    public final Capabilities capabilities() {
        return core.capabilities();
    }

    @Override
    public final AddResult add(GroupRef group, Member member) {
        return core.add(group, member);
    }

    @Override
    public final CompletableFuture<AddResult> addAsync(GroupRef group, Member member) {
        return core.addAsync(group, member);
    }

    @Override
    public final RemoveResult remove(GroupRef group, Member member) {
        return core.remove(group, member);
    }

    @Override
    public final CompletableFuture<RemoveResult> removeAsync(GroupRef group, Member member) {
        return core.removeAsync(group, member);
    }

    @Override
    public final InviteLinkResult inviteLink(GroupRef group) {
        return core.inviteLink(group);
    }

    @Override
    public final CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group) {
        return core.inviteLinkAsync(group);
    }

    @Override
    public final InviteLinkResult inviteLink(GroupRef group, Member member) {
        return core.inviteLink(group, member);
    }

    @Override
    public final CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group, Member member) {
        return core.inviteLinkAsync(group, member);
    }

    @Override
    public final MembersResult members(GroupRef group) {
        return core.members(group);
    }

    @Override
    public final CompletableFuture<MembersResult> membersAsync(GroupRef group) {
        return core.membersAsync(group);
    }

    /** Closes the client and what its provider holds; later calls throw IllegalStateException. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public final GroupsResult groups(GroupsPage page) {
        return core.groups(page);
    }

    @Override
    public final CompletableFuture<GroupsResult> groupsAsync(GroupsPage page) {
        return core.groupsAsync(page);
    }

    @Override
    public final JoinRequestsResult joinRequests(GroupRef group, JoinRequestsPage page) {
        return core.joinRequests(group, page);
    }

    @Override
    public final CompletableFuture<JoinRequestsResult> joinRequestsAsync(GroupRef group, JoinRequestsPage page) {
        return core.joinRequestsAsync(group, page);
    }

    @Override
    public final DecisionResult decideJoinRequest(GroupRef group, Member member, JoinDecision decision) {
        return core.decideJoinRequest(group, member, decision);
    }

    @Override
    public final CompletableFuture<DecisionResult> decideJoinRequestAsync(GroupRef group, Member member,
                                                                          JoinDecision decision) {
        return core.decideJoinRequestAsync(group, member, decision);
    }

    @Override
    public final DecisionResult decideAllJoinRequests(GroupRef group, JoinDecision decision) {
        return core.decideAllJoinRequests(group, decision);
    }

    @Override
    public final CompletableFuture<DecisionResult> decideAllJoinRequestsAsync(GroupRef group, JoinDecision decision) {
        return core.decideAllJoinRequestsAsync(group, decision);
    }

    @Override
    public final BulkReport addAll(GroupRef group, List<? extends Member> members, BulkOptions options) {
        return core.addAll(group, members, options);
    }

    @Override
    public final String accountKey() {
        return core.accountKey();
    }

    @Override
    public final WatchSource watchSource() {
        return core.watchSource();
    }
}
