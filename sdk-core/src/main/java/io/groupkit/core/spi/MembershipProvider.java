package io.groupkit.core.spi;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.RateLimit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One provider account as the core sees it: each method makes one attempt and turns the provider's
 * answer into an outcome. GroupKit's client calls it after checking arguments and capabilities,
 * and adds pacing, retries, membership checks, fallback and bulk work around it.
 *
 * <p>Contract, which the conformance kit checks:
 * <ul>
 *   <li>Every answer becomes an outcome; a stage should not fail. If it does, GroupKit treats a
 *       failed add or remove as {@link io.groupkit.core.Indeterminate} (it may have been sent)
 *       and a failed read as {@link io.groupkit.core.Unavailable}.</li>
 *   <li>An attempt that was sent but got no answer is {@link io.groupkit.core.Indeterminate},
 *       never a success.</li>
 *   <li>Outcomes carry a {@link io.groupkit.core.ProviderDetail} named after {@link #name()},
 *       with secrets removed.</li>
 *   <li>Implementations are thread-safe and never block the calling thread for I/O.</li>
 * </ul>
 */
public interface MembershipProvider {

    /**
     * The provider's name in outcomes and logs, such as {@code green-api}.
     *
     * @return the name
     */
    String name();

    /**
     * Identifies the account for rate-limit budgets and caches, such as {@code green-api:7103000001}.
     * Never a secret.
     *
     * @return the account key
     */
    default String accountKey() {
        return name();
    }

    /**
     * What the provider can do.
     *
     * @return the capabilities
     */
    Capabilities capabilities();

    /**
     * Checks a group reference beyond its type, before anything is sent; a reference this provider
     * can never use is the caller's bug.
     *
     * @param group the reference
     * @throws IllegalArgumentException with a message that says what was expected
     */
    default void checkGroup(GroupRef group) {
    }

    /**
     * Checks a member beyond its kind, before anything is sent.
     *
     * @param member the member
     * @throws IllegalArgumentException with a message that says what was expected
     */
    default void checkMember(Member member) {
    }

    /**
     * The limits that apply to one call of an operation; GroupKit waits for a permit of each.
     *
     * @param operation the operation
     * @return the limits; empty when the provider sets none
     */
    default List<RateLimit> rateLimits(Operation operation) {
        return List.of();
    }

    /**
     * Adds one person.
     *
     * @param context the attempt
     * @param group the group, of a type in {@link Capabilities#groupRefTypes()}
     * @param member the person, of a kind in {@link Capabilities#memberKinds()}
     * @return the outcome
     */
    CompletionStage<AddResult> add(AttemptContext context, GroupRef group, Member member);

    /**
     * Removes one person. Called only if {@link Operation#REMOVE} is supported.
     *
     * @param context the attempt
     * @param group the group
     * @param member the person
     * @return the outcome; the default is {@link Unsupported}, so that an implementation for a provider
     *     that cannot remove implements {@link #add} alone
     */
    default CompletionStage<RemoveResult> remove(AttemptContext context, GroupRef group, Member member) {
        return CompletableFuture.completedFuture(unsupported("remove members"));
    }

    /**
     * Gets the group's invite link. Called only if {@link Operation#INVITE_LINK} is supported.
     *
     * @param context the attempt
     * @param group the group
     * @return the outcome; the default is {@link Unsupported}
     */
    default CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group) {
        return CompletableFuture.completedFuture(unsupported("give invite links"));
    }

    /**
     * Gets an invite link for one person. Called only if {@link Operation#INVITE_LINK} is supported:
     * by {@code GroupMembership.inviteLink(group, member)}, and by the invite-link fallback for a
     * person who could not be added, when {@link #personalInviteLinks} says the provider makes
     * links for one person.
     *
     * <p>A provider that makes personal links (Telegram: a link one person may use, with an expiry
     * and a title naming them) is given the link GroupKit handed this person for this group last
     * time, if any: it gives that link again while it still works, and revokes it when it is spent
     * (used or expired) before making a new one.
     *
     * @param context the attempt
     * @param group the group
     * @param member the person
     * @param earlier the link made for this person and group last time, as GroupKit recorded it
     * @return the outcome; the default is the group's link ({@link #inviteLink(AttemptContext, GroupRef)})
     */
    default CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group, Member member,
                                                         Optional<String> earlier) {
        return inviteLink(context, group);
    }

    /**
     * Whether {@link #inviteLink(AttemptContext, GroupRef, Member, Optional)} makes a link for one
     * person in this group, rather than giving the group's link: GroupKit then asks for each person
     * and never caches such a link for the group. The default is false.
     *
     * @param group the group
     * @return true where links are personal
     */
    default boolean personalInviteLinks(GroupRef group) {
        return false;
    }

    /**
     * Lists the group's members. Called only if {@link Operation#MEMBERS} is supported.
     *
     * @param context the attempt
     * @param group the group
     * @return the outcome; the default is {@link Unsupported}
     */
    default CompletionStage<MembersResult> members(AttemptContext context, GroupRef group) {
        return CompletableFuture.completedFuture(unsupported("list members"));
    }

    /**
     * Adds several people in one request. Called only if {@link Operation#ADD_BATCH} is supported,
     * with at most {@link Capabilities#maxBatchSize()} people.
     *
     * @param context the attempt
     * @param group the group
     * @param members the people
     * @return one outcome per person, in the same order
     */
    default CompletionStage<List<AddResult>> addBatch(AttemptContext context, GroupRef group, List<Member> members) {
        throw new UnsupportedOperationException(name() + " declares no batch adds");
    }

    /**
     * Checks a person before they are added (does the number have an account?), so that numbers
     * without one are never sent to the group. Called only if {@link Operation#PRECHECK} is
     * supported and pre-checks are on.
     *
     * @param context the attempt
     * @param group the group
     * @param member the person
     * @return an outcome that ends the add without sending it, or empty to go on
     */
    default CompletionStage<Optional<AddResult>> precheck(AttemptContext context, GroupRef group, Member member) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Sends a group's invite link to a person. Called only if {@link Operation#SEND_INVITE} is
     * supported.
     *
     * @param context the attempt
     * @param group the group
     * @param member the person
     * @param link the link
     * @return {@link io.groupkit.core.Done} if the provider accepted the message, otherwise why not
     *     (a failure, or {@link io.groupkit.core.Indeterminate} when the answer was lost); the
     *     default is {@link Unsupported}
     */
    default CompletionStage<ActionResult> sendInvite(AttemptContext context, GroupRef group, Member member,
                                                     InviteLink link) {
        return CompletableFuture.completedFuture(unsupported("send invite links"));
    }

    /**
     * Releases what the provider holds (a connection, a thread); called once, by the client's
     * {@code close()}. The default holds nothing.
     */
    default void close() {
    }

    /**
     * Checks a page request before anything is sent: a cursor this provider never gave out is the
     * caller's bug. The default takes any cursor.
     *
     * @param page the page asked for
     * @throws IllegalArgumentException saying what was expected
     */
    default void checkPage(GroupsPage page) {
    }

    /**
     * One page of the groups the account is in; called only when {@link Operation#GROUPS} is
     * declared. Cursors are the provider's own (opaque to callers): an offset into a list, a
     * provider's page token.
     *
     * @param context the attempt
     * @param page which page, and how much to tell about each group
     * @return the page, or a failure; the default is {@link Unsupported}
     */
    default CompletionStage<GroupsResult> groups(AttemptContext context, GroupsPage page) {
        return CompletableFuture.completedFuture(unsupported("list the account's groups"));
    }

    /**
     * Reads the account's pushed membership events after a cursor; called only when
     * {@link Operation#EVENTS} is declared, by a watch, paced by the limits of {@code EVENTS}. The
     * events are hints that make a watch faster and more exact (the provider's own time, who added
     * whom): what a watch delivers is still confirmed by a listing of the group, so an event the
     * provider never pushed is not lost and one it pushed twice is delivered once.
     *
     * @param context the attempt
     * @param cursor where the last read ended ({@link io.groupkit.core.events.EventPage#cursor()}),
     *     or empty to start from now
     * @return the events and the next cursor, or a failure; the default is {@link Unsupported}
     */
    default CompletionStage<EventsResult> events(AttemptContext context, Optional<String> cursor) {
        return CompletableFuture.completedFuture(unsupported("report membership events"));
    }

    /**
     * Reads one group's own record of membership changes after a cursor; called only when
     * {@link Operation#GROUP_EVENTS} is declared, by a watch, on the group's turn, paced by the
     * limits of {@code GROUP_EVENTS}. Unlike {@link #events}, what this returns is delivered as it
     * is, so it must be the provider's complete record (a supergroup's admin log, a basic group's
     * updates with their gaps filled), never pushes that may go missing:
     * <ul>
     *   <li>no cursor: start from now — a page with no events and the cursor of the record's newest
     *       entry (the watch then lists the group for its baseline);</li>
     *   <li>a cursor: every change after it, oldest first, each with an id that is the same when the
     *       same change is read again; {@code cursor} is where the next read starts;</li>
     *   <li>{@code gap}: the record no longer reaches back to the cursor (it keeps changes for a
     *       limited time, or too many happened): the watch compares a listing instead, says so, and
     *       reads on from the page's cursor (the record's newest entry) — the page's events are
     *       then used only as detail for what the listing shows;</li>
     *   <li>{@link Unsupported}: this group cannot be followed this way (the account is not an admin
     *       of it): the watch compares listings for it.</li>
     * </ul>
     *
     * @param context the attempt
     * @param group the group
     * @param cursor where the last read of this group ended, or empty to start from now
     * @return the page, or a failure; the default is {@link Unsupported}
     */
    default CompletionStage<EventsResult> groupEvents(AttemptContext context, GroupRef group, Optional<String> cursor) {
        return CompletableFuture.completedFuture(unsupported("read a group's record of membership changes"));
    }

    /**
     * Checks a join-request page before anything is sent: a cursor this provider never gave out is
     * the caller's bug. The default takes any cursor.
     *
     * @param page the page asked for
     * @throws IllegalArgumentException saying what was expected
     */
    default void checkJoinRequestsPage(JoinRequestsPage page) {
    }

    /**
     * One page of a group's pending join requests; called only when {@link Operation#JOIN_REQUESTS}
     * is declared. Cursors are the provider's own.
     *
     * @param context the attempt
     * @param group the group
     * @param page which page
     * @return the page, or a failure; the default is {@link Unsupported}
     */
    default CompletionStage<JoinRequestsResult> joinRequests(AttemptContext context, GroupRef group,
                                                             JoinRequestsPage page) {
        return CompletableFuture.completedFuture(unsupported("list join requests"));
    }

    /**
     * Approves or declines one person's join request; called only when
     * {@link Operation#DECIDE_JOIN_REQUEST} is declared. A person with no pending request is
     * {@link io.groupkit.core.NotFound} with subject MEMBER.
     *
     * @param context the attempt
     * @param group the group
     * @param member the person, of a kind in {@link Capabilities#memberKinds()}
     * @param decision approve or decline
     * @return the outcome; the default is {@link Unsupported}
     */
    default CompletionStage<DecisionResult> decideJoinRequest(AttemptContext context, GroupRef group, Member member,
                                                              JoinDecision decision) {
        return CompletableFuture.completedFuture(unsupported("approve or decline join requests"));
    }

    /**
     * Approves or declines every pending join request of a group; called only when
     * {@link Operation#DECIDE_ALL_JOIN_REQUESTS} is declared.
     *
     * @param context the attempt
     * @param group the group
     * @param decision approve or decline
     * @return the outcome; the default is {@link Unsupported}
     */
    default CompletionStage<DecisionResult> decideAllJoinRequests(AttemptContext context, GroupRef group,
                                                                  JoinDecision decision) {
        return CompletableFuture.completedFuture(unsupported("approve or decline join requests"));
    }

    /**
     * The ways this provider can name one person, as comparable keys: a watch matches a join to an
     * invitation by them (an invitation sent to a phone, a join listed under a chat id). The
     * default is the member's kind and value, user names in lower case; an adapter whose listings
     * name people differently from its callers adds the other forms (Green-API: a phone and its
     * {@code @c.us} chat id give the same key).
     *
     * @param member the person
     * @return at least one key
     */
    default Set<String> identities(Member member) {
        String value = member.kind() == io.groupkit.core.MemberKind.USERNAME
                ? member.value().toLowerCase(java.util.Locale.ROOT) : member.value();
        return Set.of(member.kind().name() + ":" + value);
    }

    /** What the defaults answer: the provider's name and what it cannot do. */
    private Unsupported unsupported(String what) {
        return new Unsupported(ProviderDetail.of(name(), "UNSUPPORTED").withDescription(name() + " cannot " + what));
    }

    /**
     * Whether lost answers in this group are settled from a listing of its members. By default,
     * whenever {@link Operation#MEMBERS} is declared. A provider that can ask about one person
     * more cheaply than it can list a large group (Telegram's supergroups) answers false there:
     * {@link #isMember} is then called with an empty listing, paced by the limits of
     * {@link Operation#MEMBERS}.
     *
     * @param group the group
     * @return true to list the group first
     */
    default boolean settlesByListing(GroupRef group) {
        return capabilities().supports(Operation.MEMBERS);
    }

    /**
     * The one membership question: is this person in the group? GroupKit asks it only to settle a
     * call whose answer was lost (or came too late), before anything is sent again.
     *
     * <p>When the provider declares {@link Operation#MEMBERS}, GroupKit lists the group first (one
     * listing for a whole lost batch) and passes it in: read the listing, and say UNKNOWN where it
     * cannot prove absence (an empty list that may mean "no right to see", people listed under
     * another id). Without {@code MEMBERS} the listing is empty and the provider may ask the
     * provider about this one person (Telegram's {@code channels.getParticipant}), paced by the
     * limits of {@link Operation#MEMBERS}.
     *
     * <p>The default reads a listing by kind and value (a listed member of the same kind and value
     * is PRESENT, none is ABSENT, a failed listing UNKNOWN), and says UNKNOWN without one.
     *
     * @param context the attempt
     * @param group the group
     * @param member the person
     * @param listing the group's members as {@link #members} answered, or empty when the provider
     *     cannot list
     * @return PRESENT, ABSENT, or UNKNOWN when it cannot be told
     */
    default CompletionStage<MembershipCheck> isMember(AttemptContext context, GroupRef group, Member member,
                                                      Optional<MembersResult> listing) {
        if (listing.isEmpty() || !(listing.get() instanceof Members members)) {
            return CompletableFuture.completedFuture(MembershipCheck.UNKNOWN);
        }
        boolean listed = members.members().stream()
                .anyMatch(m -> m.member().kind() == member.kind() && m.member().value().equals(member.value()));
        return CompletableFuture.completedFuture(listed ? MembershipCheck.PRESENT : MembershipCheck.ABSENT);
    }
}
