package io.groupkit.core.spi;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.policy.RateLimit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A provider that hands every call to another one: the base of a decorator (logging, auditing,
 * a fault injector) that overrides only what it changes. Every method of
 * {@link MembershipProvider}, the default ones included, is forwarded, so a decorated provider
 * keeps its batches, pre-checks, listings and membership question; a decorator written against
 * the interface alone would silently fall back to the defaults (no batches, no pre-checks,
 * {@code Unsupported}).
 */
public abstract class ForwardingMembershipProvider implements MembershipProvider {
    private final MembershipProvider delegate;

    /**
     * A provider forwarding to {@code delegate}.
     *
     * @param delegate the provider that does the work
     */
    protected ForwardingMembershipProvider(MembershipProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /**
     * The provider calls are forwarded to.
     *
     * @return the delegate
     */
    protected final MembershipProvider delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String accountKey() {
        return delegate.accountKey();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void checkGroup(GroupRef group) {
        delegate.checkGroup(group);
    }

    @Override
    public void checkMember(Member member) {
        delegate.checkMember(member);
    }

    @Override
    public void checkPage(GroupsPage page) {
        delegate.checkPage(page);
    }

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return delegate.rateLimits(operation);
    }

    @Override
    public CompletionStage<AddResult> add(AttemptContext context, GroupRef group, Member member) {
        return delegate.add(context, group, member);
    }

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext context, GroupRef group, Member member) {
        return delegate.remove(context, group, member);
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group) {
        return delegate.inviteLink(context, group);
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group, Member member,
                                                        java.util.Optional<String> earlier) {
        return delegate.inviteLink(context, group, member, earlier);
    }

    @Override
    public boolean personalInviteLinks(GroupRef group) {
        return delegate.personalInviteLinks(group);
    }

    @Override
    public CompletionStage<MembersResult> members(AttemptContext context, GroupRef group) {
        return delegate.members(context, group);
    }

    @Override
    public CompletionStage<List<AddResult>> addBatch(AttemptContext context, GroupRef group, List<Member> members) {
        return delegate.addBatch(context, group, members);
    }

    @Override
    public CompletionStage<Optional<AddResult>> precheck(AttemptContext context, GroupRef group, Member member) {
        return delegate.precheck(context, group, member);
    }

    @Override
    public CompletionStage<ActionResult> sendInvite(AttemptContext context, GroupRef group, Member member, InviteLink link) {
        return delegate.sendInvite(context, group, member, link);
    }

    @Override
    public CompletionStage<GroupsResult> groups(AttemptContext context, GroupsPage page) {
        return delegate.groups(context, page);
    }

    @Override
    public CompletionStage<EventsResult> events(AttemptContext context, Optional<String> cursor) {
        return delegate.events(context, cursor);
    }

    @Override
    public CompletionStage<EventsResult> groupEvents(AttemptContext context, GroupRef group, Optional<String> cursor) {
        return delegate.groupEvents(context, group, cursor);
    }

    @Override
    public void checkJoinRequestsPage(JoinRequestsPage page) {
        delegate.checkJoinRequestsPage(page);
    }

    @Override
    public CompletionStage<JoinRequestsResult> joinRequests(AttemptContext context, GroupRef group, JoinRequestsPage page) {
        return delegate.joinRequests(context, group, page);
    }

    @Override
    public CompletionStage<DecisionResult> decideJoinRequest(AttemptContext context, GroupRef group, Member member,
                                                             JoinDecision decision) {
        return delegate.decideJoinRequest(context, group, member, decision);
    }

    @Override
    public CompletionStage<DecisionResult> decideAllJoinRequests(AttemptContext context, GroupRef group,
                                                                 JoinDecision decision) {
        return delegate.decideAllJoinRequests(context, group, decision);
    }

    @Override
    public Set<String> identities(Member member) {
        return delegate.identities(member);
    }

    @Override
    public boolean settlesByListing(GroupRef group) {
        return delegate.settlesByListing(group);
    }

    @Override
    public CompletionStage<MembershipCheck> isMember(AttemptContext context, GroupRef group, Member member,
                                                     Optional<MembersResult> listing) {
        return delegate.isMember(context, group, member, listing);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
