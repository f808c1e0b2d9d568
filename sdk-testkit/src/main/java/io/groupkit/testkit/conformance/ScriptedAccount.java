package io.groupkit.testkit.conformance;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import java.util.Optional;

/**
 * A test account the conformance kit can script, so that it checks what a well-behaved account
 * never shows: a lost answer, a transient refusal, a call that takes its time. Each method
 * scripts the next add only, and answers whether the account can do it; the kit skips the checks
 * of what it cannot (the defaults: none).
 *
 * <p>Implement it over the simulator or fake server the provider's conformance test already
 * uses (for the fake provider: {@code FakeProvider.script()}).
 */
public interface ScriptedAccount {

    /**
     * The next add is carried out, but its answer never reaches the client (the connection is
     * reset after the provider applied it).
     *
     * @return whether the account can do it
     */
    default boolean loseNextAddAnswerAfterApplying() {
        return false;
    }

    /**
     * The next add does not reach the provider, and no answer comes (the connection is reset
     * before it is applied).
     *
     * @return whether the account can do it
     */
    default boolean loseNextAddAnswerBeforeApplying() {
        return false;
    }

    /**
     * The next add is refused with a transient answer the provider documents (a 429 or 503, a
     * short flood wait); a later attempt succeeds.
     *
     * @return whether the account can do it
     */
    default boolean refuseNextAddTransiently() {
        return false;
    }

    /**
     * Holds the next add's answer until the returned action runs.
     *
     * @return the action that lets the answer go, or empty if the account cannot hold an answer
     */
    default Optional<Runnable> holdNextAdd() {
        return Optional.empty();
    }

    /**
     * Someone joins a group on their own (by its invite link), with no call of the client's: the
     * kit's watch check expects exactly one {@code Joined} for it.
     *
     * @param group the group the kit watches
     * @param member the person, of a kind the provider lists members as
     * @return whether the account can do it
     */
    default boolean joinOnTheirOwn(GroupRef group, Member member) {
        return false;
    }

    /**
     * Someone leaves a group on their own: the kit's watch check expects exactly one {@code Left}
     * (or {@code Removed}) for it.
     *
     * @param group the group
     * @param member the person, in the group
     * @return whether the account can do it
     */
    default boolean leaveOnTheirOwn(GroupRef group, Member member) {
        return false;
    }

    /**
     * Someone asks to join a group and waits for an admin's decision: the kit's join-request
     * checks expect it listed by {@code joinRequests}, and approved or declined once.
     *
     * @param group the group
     * @param member the person, not in the group
     * @return whether the account can do it
     */
    default boolean requestToJoin(GroupRef group, Member member) {
        return false;
    }
}
