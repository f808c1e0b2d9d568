package io.groupkit.core;

import io.groupkit.core.events.Invitations;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.internal.MembershipClient;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.WatchSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Group membership at one provider account: add, remove, invite link, members, join requests, and bulk
 * adds.
 *
 * <p>Clients are immutable and thread-safe: build one per account and share it. Each provider
 * module has a builder (for example {@code GreenApi.builder()}); {@link #create} wraps any
 * {@link MembershipProvider}.
 *
 * <p>Every answer the provider documents is an outcome value. Only a caller's bug throws: a null
 * argument ({@link NullPointerException}), or a member kind or group reference the provider cannot
 * take ({@link IllegalArgumentException}), each with a message that says what was expected. The
 * async methods throw those at once too, rather than returning a failed future.
 *
 * <p>Around each provider call the client applies its {@link Policies}: it waits for a rate-limit
 * permit, checks people before adding them, retries transient answers, never resends a call that
 * got no answer without first checking membership, and, if asked, attaches invite links to
 * refusals.
 *
 * <p>Threads. The contract: no provider work, listener or stage of yours ever runs on a timer
 * thread. GroupKit keeps no thread pool; the only thread a client owns is the Telegram client's
 * one I/O thread, which its {@code close()} ends. Waits (pacing, backoff) and alarms (attempt and
 * call timeouts) are timed by the time source; with {@link io.groupkit.core.time.TimeSource#system()}
 * the JDK's shared delay thread only times them, and what follows a wait or an alarm continues on
 * the JDK's asynchronous pool ({@code CompletableFuture.defaultExecutor()}), or on an executor of
 * yours with {@link io.groupkit.core.time.TimeSource#system(Executor)}. The HTTP adapters make
 * their exchanges asynchronously there; the Telegram client hands its blocking calls to its I/O
 * thread (or to the executor you gave it). So a call stuck on a silent server, or a provider that
 * blocks, never delays another client's waits. A synchronous call ({@code add}, {@code remove},
 * ...) that needs no wait may make its exchange on the calling thread. An async call's future
 * completes on whichever of these threads ends the call; callbacks (bulk progress, the
 * {@link GroupKitListener}) run on the thread an event happens on: keep them short.
 */
public interface GroupMembership extends AutoCloseable {

    /**
     * Closes the client: what it holds is released (the Telegram client's connection and I/O
     * thread; HTTP clients hold nothing on Java 17, and an {@code HttpClient} you passed in is never
     * touched), and any later call throws {@link IllegalStateException}. Closing twice does nothing.
     */
    @Override
    void close();

    /**
     * A client over a provider with the default policies.
     *
     * @param provider the provider
     * @return the client
     */
    static GroupMembership create(MembershipProvider provider) {
        return create(provider, Policies.defaults());
    }

    /**
     * A client over a provider.
     *
     * @param provider the provider
     * @param policies the policies
     * @return the client
     */
    static GroupMembership create(MembershipProvider provider, Policies policies) {
        return new MembershipClient(provider, policies);
    }

    /**
     * The provider's name, as in outcomes.
     *
     * @return the name
     */
    String provider();

    /**
     * What the provider can do.
     *
     * @return the capabilities
     */
    Capabilities capabilities();

    /**
     * Adds a person to a group and waits for the outcome.
     *
     * @param group the group
     * @param member the person
     * @return the outcome
     */
    AddResult add(GroupRef group, Member member);

    /**
     * Adds a person to a group.
     *
     * @param group the group
     * @param member the person
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<AddResult> addAsync(GroupRef group, Member member);

    /**
     * Removes a person from a group and waits for the outcome.
     *
     * @param group the group
     * @param member the person
     * @return the outcome; {@link Unsupported} if the provider cannot remove
     */
    RemoveResult remove(GroupRef group, Member member);

    /**
     * Removes a person from a group.
     *
     * @param group the group
     * @param member the person
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<RemoveResult> removeAsync(GroupRef group, Member member);

    /**
     * Gets the group's invite link and waits for it.
     *
     * @param group the group
     * @return the link or why there is none; {@link Unsupported} if the provider has no links
     */
    InviteLinkResult inviteLink(GroupRef group);

    /**
     * Gets the group's invite link.
     *
     * @param group the group
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group);

    /**
     * Gets an invite link for one person and waits for it. Where the provider makes links for one
     * person (Telegram: one use, an expiry, a title naming the person masked), the link is theirs:
     * the same link again while it still works, a new one (the spent one revoked) once it was used
     * or expired. Elsewhere it is the group's link. Either way, with
     * {@link Policies.Builder#invitations} set, it is recorded as the person's invitation, so that
     * their join is told to come from it.
     *
     * @param group the group
     * @param member the person
     * @return the link or why there is none; {@link Unsupported} if the provider has no links
     */
    default InviteLinkResult inviteLink(GroupRef group, Member member) {
        Objects.requireNonNull(member, "member must not be null");
        return inviteLink(group);
    }

    /**
     * Gets an invite link for one person (see {@link #inviteLink(GroupRef, Member)}).
     *
     * @param group the group
     * @param member the person
     * @return the outcome, when it is known; the future does not fail
     */
    default CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group, Member member) {
        Objects.requireNonNull(member, "member must not be null");
        return inviteLinkAsync(group);
    }

    /**
     * Lists the group's members and waits for the list.
     *
     * @param group the group
     * @return the members or why there are none; {@link Unsupported} if the provider cannot list
     */
    MembersResult members(GroupRef group);

    /**
     * Lists the group's members.
     *
     * @param group the group
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<MembersResult> membersAsync(GroupRef group);

    /**
     * Lists one page of the groups the account is in, and waits for it: the way to find a group's
     * reference (never build a WhatsApp group id yourself).
     *
     * @param page which page, and how much to tell about each group
     * @return the page, or why there is none; {@link Unsupported} if the provider cannot list groups
     */
    GroupsResult groups(GroupsPage page);

    /**
     * Lists one page of the groups the account is in.
     *
     * @param page which page, and how much to tell about each group
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<GroupsResult> groupsAsync(GroupsPage page);

    /**
     * Lists every group the account is in, page after page ({@value GroupsPage#MAX_LIMIT} at a
     * time), and waits for all of them. A group that two pages both list (a provider's pages may
     * overlap) appears once.
     *
     * @return every group on one {@link Groups} without a next cursor, or the first page's failure
     */
    default GroupsResult groups() {
        Map<String, GroupInfo> all = new LinkedHashMap<>();
        GroupsPage page = GroupsPage.first().limit(GroupsPage.MAX_LIMIT);
        Groups last = null;
        Set<String> cursors = new HashSet<>();
        while (true) {
            GroupsResult r = groups(page);
            if (!(r instanceof Groups g)) {
                return r;
            }
            last = g;
            g.groups().forEach(info -> all.putIfAbsent(info.group().key(), info));
            // A cursor seen before would loop for ever: a provider's bug, ended here.
            if (g.next().isEmpty() || !cursors.add(g.next().get())) {
                break;
            }
            page = GroupsPage.after(g.next().get()).limit(GroupsPage.MAX_LIMIT);
        }
        return new Groups(last.detail().withDescription(all.size() + " groups"), List.copyOf(all.values()),
                Optional.empty());
    }

    /**
     * Lists one page of a group's pending join requests (people who asked an admin to let them
     * in), and waits for it.
     *
     * @param group the group
     * @param page which page
     * @return the page, or why there is none; {@link Unsupported} if the provider has no join requests
     */
    JoinRequestsResult joinRequests(GroupRef group, JoinRequestsPage page);

    /**
     * Lists one page of a group's pending join requests.
     *
     * @param group the group
     * @param page which page
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<JoinRequestsResult> joinRequestsAsync(GroupRef group, JoinRequestsPage page);

    /**
     * Lists every pending join request of a group, page after page ({@value JoinRequestsPage#MAX_LIMIT}
     * at a time), and waits for all of them. A person two pages both list appears once.
     *
     * @param group the group
     * @return every request on one {@link JoinRequests} without a next cursor, or the first failure
     */
    default JoinRequestsResult joinRequests(GroupRef group) {
        Map<String, JoinRequest> all = new LinkedHashMap<>();
        JoinRequestsPage page = JoinRequestsPage.first().limit(JoinRequestsPage.MAX_LIMIT);
        JoinRequests last;
        Set<String> cursors = new HashSet<>();
        while (true) {
            JoinRequestsResult r = joinRequests(group, page);
            if (!(r instanceof JoinRequests p)) {
                return r;
            }
            last = p;
            p.requests().forEach(q -> all.putIfAbsent(q.member().kind() + ":" + q.member().value(), q));
            // A cursor seen before would loop for ever: a provider's bug, ended here.
            if (p.next().isEmpty() || !cursors.add(p.next().get())) {
                break;
            }
            page = JoinRequestsPage.after(p.next().get()).limit(JoinRequestsPage.MAX_LIMIT);
        }
        return new JoinRequests(last.detail().withDescription(all.size() + " join requests"), List.copyOf(all.values()),
                Optional.empty());
    }

    /**
     * Approves or declines one person's join request, and waits for the outcome.
     *
     * @param group the group
     * @param member the person, as {@link JoinRequest#member()} names them (or any way the provider
     *     takes people)
     * @param decision approve (they join) or decline
     * @return {@link Done}, or why not (see {@link DecisionResult}); {@link Unsupported} if the
     *     provider has no join requests
     */
    DecisionResult decideJoinRequest(GroupRef group, Member member, JoinDecision decision);

    /**
     * Approves or declines one person's join request.
     *
     * @param group the group
     * @param member the person
     * @param decision approve or decline
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<DecisionResult> decideJoinRequestAsync(GroupRef group, Member member, JoinDecision decision);

    /**
     * Approves or declines every pending join request of a group at once, and waits for the outcome.
     *
     * @param group the group
     * @param decision approve (they all join) or decline
     * @return {@link Done}, or why not (see {@link DecisionResult}); {@link Unsupported} if the
     *     provider cannot decide all at once
     */
    DecisionResult decideAllJoinRequests(GroupRef group, JoinDecision decision);

    /**
     * Approves or declines every pending join request of a group at once.
     *
     * @param group the group
     * @param decision approve or decline
     * @return the outcome, when it is known; the future does not fail
     */
    CompletableFuture<DecisionResult> decideAllJoinRequestsAsync(GroupRef group, JoinDecision decision);

    /**
     * Lets one person in: {@link #decideJoinRequest} with {@link JoinDecision#APPROVE}.
     *
     * @param group the group
     * @param member the person
     * @return the outcome
     */
    default DecisionResult approveJoinRequest(GroupRef group, Member member) {
        return decideJoinRequest(group, member, JoinDecision.APPROVE);
    }

    /**
     * Turns one person's request down: {@link #decideJoinRequest} with {@link JoinDecision#DECLINE}.
     *
     * @param group the group
     * @param member the person
     * @return the outcome
     */
    default DecisionResult declineJoinRequest(GroupRef group, Member member) {
        return decideJoinRequest(group, member, JoinDecision.DECLINE);
    }

    /**
     * Lets everyone waiting in: {@link #decideAllJoinRequests} with {@link JoinDecision#APPROVE}.
     *
     * @param group the group
     * @return the outcome
     */
    default DecisionResult approveAllJoinRequests(GroupRef group) {
        return decideAllJoinRequests(group, JoinDecision.APPROVE);
    }

    /**
     * Turns every pending request down: {@link #decideAllJoinRequests} with {@link JoinDecision#DECLINE}.
     *
     * @param group the group
     * @return the outcome
     */
    default DecisionResult declineAllJoinRequests(GroupRef group) {
        return decideAllJoinRequests(group, JoinDecision.DECLINE);
    }

    /**
     * Identifies the account, as in rate-limit budgets, watch scopes and invitations
     * ({@code green-api:7103000001}); never a secret. The default is {@link #provider()}.
     *
     * @return the account key
     */
    default String accountKey() {
        return provider();
    }

    /**
     * Starts building a watch of some of this account's groups: who joins, leaves, is promoted or
     * demoted, reported once each to a handler of yours (see {@link MembershipWatch}).
     *
     * @return a builder; give it groups, an executor and (to survive a restart) a store, then start it
     */
    default MembershipWatch.Builder watch() {
        return MembershipWatch.builder(watchSource());
    }

    /**
     * What a watch reads this account through. GroupKit's clients give their listings under the
     * client's pacing, the provider's pushed events and its ways of naming a person; the default
     * uses the public methods only.
     *
     * @return the source
     */
    default WatchSource watchSource() {
        return WatchSource.of(this);
    }

    /**
     * The invitations GroupKit recorded for this account in a store (see
     * {@link Policies.Builder#invitations}), to ask who was invited and who joined.
     *
     * @param store the store the client records invitations in
     * @return a view of them
     */
    default Invitations invitations(MembershipStore store) {
        return Invitations.of(watchSource(), store);
    }

    /**
     * Adds many people to a group, paced to the provider's limits, and waits for the report. The
     * calling thread waits; the work runs on the provider's I/O and the time source.
     *
     * @param group the group
     * @param members the people, in the order to add them
     * @param options concurrency, progress, cancellation, stop condition
     * @return one outcome per person, or the people not attempted
     */
    BulkReport addAll(GroupRef group, List<? extends Member> members, BulkOptions options);

    /**
     * Adds many people with {@link BulkOptions#defaults()}.
     *
     * @param group the group
     * @param members the people
     * @return the report
     */
    default BulkReport addAll(GroupRef group, List<? extends Member> members) {
        return addAll(group, members, BulkOptions.defaults());
    }

    /**
     * Runs {@link #addAll(GroupRef, List, BulkOptions)} on an executor of the caller's choosing;
     * GroupKit has no thread pool of its own.
     *
     * @param group the group
     * @param members the people
     * @param options the options
     * @param executor where the run waits
     * @return the report, when the run ends
     */
    default CompletableFuture<BulkReport> addAllAsync(GroupRef group, List<? extends Member> members,
                                                      BulkOptions options, Executor executor) {
        Objects.requireNonNull(executor, "executor must not be null");
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(options, "options must not be null");
        List<? extends Member> copy = List.copyOf(members);
        return CompletableFuture.supplyAsync(() -> addAll(group, copy, options), executor);
    }
}
