package io.groupkit.core.spi;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.RateLimit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A connector to one provider account: each method makes one attempt and turns the provider's
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
     * @return the outcome; the default is {@link Unsupported}, so that a connector for a provider
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
     * Releases what the connector holds (a connection, a thread); called once, by the client's
     * {@code close()}. The default holds nothing.
     */
    default void close() {
    }

    /**
     * Checks a page request before anything is sent: a cursor this connector never gave out is the
     * caller's bug. The default takes any cursor.
     *
     * @param page the page asked for
     * @throws IllegalArgumentException saying what was expected
     */
    default void checkPage(GroupsPage page) {
    }

    /**
     * One page of the groups the account is in; called only when {@link Operation#GROUPS} is
     * declared. Cursors are the connector's own (opaque to callers): an offset into a list, a
     * provider's page token.
     *
     * @param context the attempt
     * @param page which page, and how much to tell about each group
     * @return the page, or a failure; the default is {@link Unsupported}
     */
    default CompletionStage<GroupsResult> groups(AttemptContext context, GroupsPage page) {
        return CompletableFuture.completedFuture(unsupported("list the account's groups"));
    }

    /** What the defaults answer: the provider's name and what it cannot do. */
    private Unsupported unsupported(String what) {
        return new Unsupported(ProviderDetail.of(name(), "UNSUPPORTED").withDescription(name() + " cannot " + what));
    }

    /**
     * Whether a listed member is the person asked about. The default compares kind and value;
     * connectors whose listings name people differently (a phone against a chat id) override it.
     *
     * @param listed a member as {@link #members} listed them
     * @param wanted the person asked about
     * @return true if they are the same person
     */
    default boolean sameMember(GroupMember listed, Member wanted) {
        return listed.member().kind() == wanted.kind() && listed.member().value().equals(wanted.value());
    }

    /**
     * Whether one person is in a group, for a provider that cannot list members but can ask about
     * one person (Telegram's {@code channels.getParticipant}). GroupKit asks it only to settle a
     * call whose answer was lost, and only when {@link Operation#MEMBERS} is not declared (a
     * listing is used otherwise). Paced by the limits of {@link Operation#MEMBERS}.
     *
     * @param context the attempt
     * @param group the group
     * @param member the person
     * @return PRESENT, ABSENT, or UNKNOWN when the provider cannot tell (the default)
     */
    default CompletionStage<MembershipCheck> isMember(AttemptContext context, GroupRef group, Member member) {
        return CompletableFuture.completedFuture(MembershipCheck.UNKNOWN);
    }

    /**
     * Reads a listing for one person; used to resolve calls that got no answer.
     *
     * @param listing what {@link #members} answered
     * @param wanted the person
     * @return present, absent, or unknown when the listing failed
     */
    default MembershipCheck find(MembersResult listing, Member wanted) {
        if (!(listing instanceof Members members)) {
            return MembershipCheck.UNKNOWN;
        }
        return members.members().stream().anyMatch(m -> sameMember(m, wanted))
                ? MembershipCheck.PRESENT : MembershipCheck.ABSENT;
    }
}
