package io.groupkit.testkit.fake;

import org.junit.jupiter.params.provider.EnumSource;
import static io.groupkit.testkit.fake.FakeFixture.ANNA;
import static io.groupkit.testkit.fake.FakeFixture.BORIS;
import static io.groupkit.testkit.fake.FakeFixture.TEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.Confirmation;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Members;
import io.groupkit.core.NotMember;
import io.groupkit.core.Outcome;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Removed;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.spi.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@link FakeFault}, as a user meets it through {@code GroupMembership}: what the caller
 * sees, whether the change was made, how many calls the fake recorded, and the retries.
 */
class FakeFaultTest {

    private static FakeFixture withoutPrechecks() {
        return new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF));
    }

    /** A fake that cannot list members: GroupKit cannot settle a lost answer, so the caller sees it. */
    private static FakeFixture withoutListings() {
        return new FakeFixture(b -> b.without(Operation.MEMBERS), p -> p.prechecks(Prechecks.OFF));
    }

    private static FakeFixture withoutRetries() {
        return new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF).retry(RetryPolicy.none()));
    }

    // ---- transient failures: retried ----

    @Test
    void unavailableIsRetriedWithBackoffAndTheChangeIsMadeOnce() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 2, FakeFault.unavailable());
        Added r = assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(Confirmation.PROVIDER_ANSWER, r.confirmedBy());
        assertEquals(List.of(1, 2, 3), f.attempts(Operation.ADD));
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3)), f.arrivals(Operation.ADD));
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void unavailableEveryTimeIsWhatTheCallerSeesOnceTheAttemptsAreSpent() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 5, FakeFault.unavailable());
        Unavailable u = assertInstanceOf(Unavailable.class, f.client.add(TEAM, ANNA));
        assertEquals("fake", u.detail().provider());
        assertTrue(u.retryable());
        assertEquals(List.of(1, 2, 3, 4), f.attempts(Operation.ADD));
        assertTrue(f.fake.membersOf(TEAM).isEmpty(), "nothing was added");

        // "the next 5 calls": the fifth is still due, then the fake answers normally again
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(6, f.fake.calls(Operation.ADD).size());
    }

    @Test
    void faultsOfOneOperationComeInTheOrderTheyWereScripted() {
        FakeFixture f = withoutPrechecks();
        assertSame(f.fake, f.fake.failNext(Operation.ADD, 1, FakeFault.unavailable())
                .failNext(Operation.ADD, 1, FakeFault.rateLimited(Duration.ofSeconds(7))));
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        // 1 s of backoff after the 503, then the 7 s the 429 asked for
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(8)), f.arrivals(Operation.ADD));
    }

    @Test
    void rateLimitedWithAShortWaitIsWaitedOutAndRetried() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 1, FakeFault.rateLimited(Duration.ofSeconds(5)));
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(5)), f.arrivals(Operation.ADD));
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void rateLimitedWithALongWaitReachesTheCallerWithTheWait() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 1, FakeFault.rateLimited(Duration.ofMinutes(90)));
        RateLimited r = assertInstanceOf(RateLimited.class, f.client.add(TEAM, ANNA));
        assertEquals(Optional.of(Duration.ofMinutes(90)), r.retryAfter());
        assertEquals(1, f.fake.calls(Operation.ADD).size(), "a wait past the retry policy's bound is not waited out");
        assertTrue(f.fake.membersOf(TEAM).isEmpty());
    }

    @Test
    void rateLimitedWithoutAWaitIsRetriedWithBackoffAndSaysNoWait() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 4, FakeFault.rateLimited());
        RateLimited r = assertInstanceOf(RateLimited.class, f.client.add(TEAM, ANNA));
        assertEquals(Optional.empty(), r.retryAfter());
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7)),
                f.arrivals(Operation.ADD));
        assertTrue(f.fake.membersOf(TEAM).isEmpty());
    }

    // ---- final refusals: one call, nothing changed ----

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments(FakeFault.spamLimited(), SpamLimited.class),
                arguments(FakeFault.unauthorized(), Unauthorized.class),
                arguments(FakeFault.quotaExceeded(), QuotaExceeded.class),
                arguments(FakeFault.accessDenied(), AccessDenied.class),
                arguments(FakeFault.unrecognized(), Unrecognized.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusingFaultReachesTheAddsCallerAfterOneCallAndAddsNoOne(FakeFault fault, Class<? extends Outcome> expected) {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 1, fault);
        AddResult r = f.client.add(TEAM, ANNA);
        assertInstanceOf(expected, r);
        assertEquals("fake", r.detail().provider());
        assertFalse(r.retryable());
        assertEquals(1, f.fake.calls(Operation.ADD).size());
        assertTrue(f.fake.membersOf(TEAM).isEmpty());

        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA), "one call was scripted to fail, not more");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusingFaultReachesTheRemovesCallerAndRemovesNoOne(FakeFault fault, Class<? extends Outcome> expected) {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA);
        f.fake.failNext(Operation.REMOVE, 1, fault);
        assertInstanceOf(expected, f.client.remove(TEAM, ANNA));
        assertEquals(1, f.fake.calls(Operation.REMOVE).size());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusingFaultReachesTheReadsCaller(FakeFault fault, Class<? extends Outcome> expected) {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.INVITE_LINK, 1, fault).failNext(Operation.MEMBERS, 1, fault)
                .failNext(Operation.GROUPS, 1, fault);
        assertInstanceOf(expected, f.client.inviteLink(TEAM));
        assertInstanceOf(expected, f.client.members(TEAM));
        assertInstanceOf(expected, f.client.groups(io.groupkit.core.GroupsPage.first()));
        assertEquals(3, f.fake.calls().size());
    }

    @Test
    void aFaultComesBeforeEverythingElseTheFakeWouldSay() {
        FakeFixture f = withoutPrechecks();
        GroupRef nowhere = GroupRef.of("nowhere@g.us");
        f.fake.failNext(Operation.ADD, 1, FakeFault.spamLimited());
        assertInstanceOf(SpamLimited.class, f.client.add(nowhere, ANNA), "not NotFound: the fault comes first");
        f.fake.group(TEAM).with(BORIS);
        f.fake.failNext(Operation.ADD, 1, FakeFault.quotaExceeded());
        assertInstanceOf(QuotaExceeded.class, f.client.add(TEAM, BORIS), "not AlreadyMember");
    }

    @Test
    void faultsAreScriptedPerOperation() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.REMOVE, 1, FakeFault.spamLimited());
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertInstanceOf(InviteLink.class, f.client.inviteLink(TEAM));
        assertInstanceOf(SpamLimited.class, f.client.remove(TEAM, ANNA));
    }

    // ---- lost answers ----

    @ParameterizedTest
    @EnumSource(names = {"INVITE_LINK", "MEMBERS"})
    void aReadsLostAnswerIsUnavailableAndAskedAgain(Operation read) {
        FakeFixture f = new FakeFixture();
        f.fake.failNext(read, 10, FakeFault.answerLostAfterApplying());
        io.groupkit.core.Outcome o = read == Operation.MEMBERS ? f.client.members(TEAM) : f.client.inviteLink(TEAM);
        Unavailable u = assertInstanceOf(Unavailable.class, o, o::toString);
        assertEquals("TIMEOUT", u.detail().code(), "the fake's own answer, not a failure inside it");
        assertEquals(4, f.fake.calls(read).size(), "a read is safe to ask again: every attempt was made");
    }

    @Test
    void answerLostAfterApplyingAddsThePersonAndGroupKitFindsThemByListing() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 1, FakeFault.answerLostAfterApplying());
        Added r = assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(Confirmation.MEMBERSHIP_CHECK, r.confirmedBy());
        assertEquals(1, f.fake.calls(Operation.ADD).size(), "never sent twice");
        assertEquals(1, f.fake.calls(Operation.MEMBERS).size());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void answerLostAfterApplyingIsIndeterminateWhileThePersonIsInFactAdded() {
        FakeFixture f = withoutListings();
        f.fake.failNext(Operation.ADD, 1, FakeFault.answerLostAfterApplying());
        assertInstanceOf(Indeterminate.class, f.client.add(TEAM, ANNA));
        assertEquals(1, f.fake.calls(Operation.ADD).size());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void answerLostBeforeApplyingAddsNoOneAndGroupKitSendsAgainOnceItHasLooked() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 1, FakeFault.answerLostBeforeApplying());
        Added r = assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(Confirmation.PROVIDER_ANSWER, r.confirmedBy());
        assertEquals(List.of(Operation.ADD, Operation.MEMBERS, Operation.ADD),
                f.fake.calls().stream().map(FakeCall::operation).toList());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void answerLostBeforeApplyingIsIndeterminateAndThePersonIsNotAdded() {
        FakeFixture f = withoutListings();
        f.fake.failNext(Operation.ADD, 1, FakeFault.answerLostBeforeApplying());
        assertInstanceOf(Indeterminate.class, f.client.add(TEAM, ANNA));
        assertEquals(1, f.fake.calls(Operation.ADD).size());
        assertTrue(f.fake.membersOf(TEAM).isEmpty());
    }

    @Test
    void aLostRemoveAnswerAfterApplyingRemovesThePerson() {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA);
        f.fake.failNext(Operation.REMOVE, 1, FakeFault.answerLostAfterApplying());
        Removed r = assertInstanceOf(Removed.class, f.client.remove(TEAM, ANNA));
        assertEquals(Confirmation.MEMBERSHIP_CHECK, r.confirmedBy());
        assertEquals(1, f.fake.calls(Operation.REMOVE).size());
        assertTrue(f.fake.membersOf(TEAM).isEmpty());

        FakeFixture blind = withoutListings();
        blind.fake.group(TEAM).with(ANNA);
        blind.fake.failNext(Operation.REMOVE, 1, FakeFault.answerLostAfterApplying());
        assertInstanceOf(Indeterminate.class, blind.client.remove(TEAM, ANNA));
        assertTrue(blind.fake.membersOf(TEAM).isEmpty(), "removed although the answer was lost");
    }

    @Test
    void aLostRemoveAnswerBeforeApplyingLeavesThePersonIn() {
        FakeFixture blind = withoutListings();
        blind.fake.group(TEAM).with(ANNA);
        blind.fake.failNext(Operation.REMOVE, 1, FakeFault.answerLostBeforeApplying());
        assertInstanceOf(Indeterminate.class, blind.client.remove(TEAM, ANNA));
        assertEquals(List.of(ANNA), blind.fake.membersOf(TEAM));

        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA);
        f.fake.failNext(Operation.REMOVE, 1, FakeFault.answerLostBeforeApplying());
        assertInstanceOf(Removed.class, f.client.remove(TEAM, ANNA));
        assertEquals(List.of(1, 2), f.attempts(Operation.REMOVE), "checked, then sent again");
        assertTrue(f.fake.membersOf(TEAM).isEmpty());
    }

    // ---- a 502 after the change was made ----

    @Test
    void badGatewayAfterApplyingIsARetryableUnavailableWhileThePersonIsAdded() {
        FakeFixture f = withoutRetries();
        f.fake.failNext(Operation.ADD, 1, FakeFault.badGatewayAfterApplying());
        Unavailable u = assertInstanceOf(Unavailable.class, f.client.add(TEAM, ANNA));
        assertTrue(u.retryable());
        assertEquals(502, u.detail().status().orElseThrow());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void badGatewayAfterApplyingIsRetriedAndTheRetryFindsThePersonAdded() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 1, FakeFault.badGatewayAfterApplying());
        Added r = assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(Confirmation.MEMBERSHIP_CHECK, r.confirmedBy());
        assertEquals(List.of(1, 2), f.attempts(Operation.ADD));
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM), "added once");
    }

    @Test
    void badGatewayAfterApplyingARemoveRemovesThePerson() {
        FakeFixture once = withoutRetries();
        once.fake.group(TEAM).with(ANNA);
        once.fake.failNext(Operation.REMOVE, 1, FakeFault.badGatewayAfterApplying());
        assertEquals(502, assertInstanceOf(Unavailable.class, once.client.remove(TEAM, ANNA)).detail().status().orElseThrow());
        assertTrue(once.fake.membersOf(TEAM).isEmpty());

        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA);
        f.fake.failNext(Operation.REMOVE, 1, FakeFault.badGatewayAfterApplying());
        RemoveResult r = f.client.remove(TEAM, ANNA);
        assertInstanceOf(NotMember.class, r, "the retry finds the change made");
        assertTrue(r.kind().isSuccess());
        assertEquals(2, f.fake.calls(Operation.REMOVE).size());
    }

    // ---- a provider bug ----

    @Test
    void aProviderExceptionStillGivesTheCallerAnOutcomeAndChangesNothing() throws Exception {
        FakeFixture blind = withoutListings();
        blind.fake.failNext(Operation.ADD, 1, FakeFault.providerException());
        CompletableFuture<AddResult> future = blind.client.addAsync(TEAM, ANNA);
        AddResult r = future.get(5, TimeUnit.SECONDS);   // a bound, not a wait: virtual time answers at once
        assertFalse(future.isCompletedExceptionally());
        assertInstanceOf(Indeterminate.class, r, "it may have been sent, as far as GroupKit knows");
        assertEquals(1, blind.fake.calls(Operation.ADD).size());
        assertTrue(blind.fake.membersOf(TEAM).isEmpty());
    }

    @Test
    void aProviderExceptionIsSettledByListingThenSentAgain() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.ADD, 1, FakeFault.providerException());
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(List.of(Operation.ADD, Operation.MEMBERS, Operation.ADD),
                f.fake.calls().stream().map(FakeCall::operation).toList());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void readsThatFailTransientlyAreRetried() {
        FakeFixture f = withoutPrechecks();
        f.fake.failNext(Operation.MEMBERS, 1, FakeFault.providerException())
                .failNext(Operation.INVITE_LINK, 1, FakeFault.unavailable())
                .failNext(Operation.GROUPS, 1, FakeFault.badGatewayAfterApplying());
        assertInstanceOf(Members.class, f.client.members(TEAM));
        assertInstanceOf(InviteLink.class, f.client.inviteLink(TEAM));
        assertInstanceOf(io.groupkit.core.Groups.class, f.client.groups(io.groupkit.core.GroupsPage.first()));
        assertEquals(List.of(1, 2), f.attempts(Operation.MEMBERS));
        assertEquals(List.of(1, 2), f.attempts(Operation.INVITE_LINK));
        assertEquals(List.of(1, 2), f.attempts(Operation.GROUPS));
    }

    // ---- slow and held answers ----

    @Test
    void slowAnswersNormallyAfterTheExtraDelayOnTopOfTheLatency() {
        FakeFixture f = new FakeFixture(b -> b.latency(Duration.ofMillis(100)), p -> p.prechecks(Prechecks.OFF));
        f.fake.failNext(Operation.ADD, 1, FakeFault.slow(Duration.ofSeconds(5)));
        Added r = assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(Confirmation.PROVIDER_ANSWER, r.confirmedBy());
        assertEquals(Duration.ofMillis(5100), f.time.elapsed());
        assertEquals(1, f.fake.calls().size());

        f.client.add(TEAM, BORIS);
        assertEquals(Duration.ofMillis(5200), f.time.elapsed(), "only the one call was slow");
    }

    @Test
    void slowPastTheAttemptTimeoutIsSettledAsALostAnswer() {
        FakeFixture f = new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF).attemptTimeout(Duration.ofSeconds(30)));
        f.fake.failNext(Operation.ADD, 1, FakeFault.slow(Duration.ofMinutes(2)));
        AddResult r = f.client.add(TEAM, ANNA);
        assertEquals(1, f.fake.calls(Operation.ADD).size(), "not sent again blindly");
        assertEquals(1, f.fake.calls(Operation.MEMBERS).size(), "settled by listing the group");
        Added added = assertInstanceOf(Added.class, r, "the slow call was answered normally in the end");
        assertEquals(Confirmation.MEMBERSHIP_CHECK, added.confirmedBy());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void heldAnswersOnlyOnceReleasedAndTheCallerIsNotBlocked() throws Exception {
        FakeFixture f = withoutPrechecks();
        CompletableFuture<Void> release = new CompletableFuture<>();
        f.fake.failNext(Operation.ADD, 1, FakeFault.held(release));
        CompletableFuture<AddResult> future = f.client.addAsync(TEAM, ANNA);
        assertFalse(future.isDone(), "addAsync returned while the call is held");
        assertEquals(1, f.fake.calls(Operation.ADD).size(), "the call arrived");
        assertTrue(f.fake.membersOf(TEAM).isEmpty(), "and is not answered yet");

        release.complete(null);
        Added r = assertInstanceOf(Added.class, future.get(5, TimeUnit.SECONDS));
        assertEquals(Confirmation.PROVIDER_ANSWER, r.confirmedBy());
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void heldIsReleasedByAFailedStageToo() throws Exception {
        FakeFixture f = withoutPrechecks();
        CompletableFuture<Void> release = new CompletableFuture<>();
        f.fake.failNext(Operation.ADD, 1, FakeFault.held(release));
        CompletableFuture<AddResult> future = f.client.addAsync(TEAM, ANNA);
        assertFalse(future.isDone());
        release.completeExceptionally(new IllegalStateException("the test's own failure"));
        Added r = assertInstanceOf(Added.class, future.get(5, TimeUnit.SECONDS));
        assertEquals(Confirmation.PROVIDER_ANSWER, r.confirmedBy(), "answered normally");
        assertEquals(List.of(Operation.ADD), f.fake.calls().stream().map(FakeCall::operation).toList(),
                "not a failed call that GroupKit had to settle");
    }

    @Test
    void heldPastTheAttemptTimeoutIsSettledAndTheLateAnswerAddsNoDuplicate() throws Exception {
        FakeFixture f = withoutPrechecks();
        CompletableFuture<Void> release = new CompletableFuture<>();
        f.fake.failNext(Operation.ADD, 1, FakeFault.held(release));
        CompletableFuture<AddResult> future = f.client.addAsync(TEAM, ANNA);
        assertFalse(future.isDone());

        f.time.advance(Duration.ofSeconds(61));   // past the default 60 s attempt timeout
        AddResult r = future.get(5, TimeUnit.SECONDS);
        assertInstanceOf(Added.class, r, "listed, found absent, sent again");
        assertEquals(List.of(Operation.ADD, Operation.MEMBERS, Operation.ADD),
                f.fake.calls().stream().map(FakeCall::operation).toList());

        release.complete(null);   // the held call's late answer
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
    }

    // ---- faults of the other operations ----

    @Test
    void aFaultOnThePrecheckFailsItAndGroupKitTriesItAgain() {
        FakeFixture f = new FakeFixture();
        f.fake.failNext(Operation.PRECHECK, 1, FakeFault.unavailable());
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(2, f.fake.calls(Operation.PRECHECK).size());
        assertEquals(1, f.fake.calls(Operation.ADD).size());
    }

    @Test
    void aPrecheckThatKeepsFailingSendsNoOne() {
        FakeFixture f = new FakeFixture();
        f.fake.failNext(Operation.PRECHECK, 4, FakeFault.unavailable());
        assertInstanceOf(Unavailable.class, f.client.add(TEAM, ANNA));
        assertEquals(4, f.fake.calls(Operation.PRECHECK).size());
        assertEquals(0, f.fake.calls(Operation.ADD).size());
        assertTrue(f.fake.membersOf(TEAM).isEmpty());
    }

    @Test
    void aFaultOnSendingTheInviteLeavesItUnsentAndIsNotRetried() {
        FakeFixture f = new FakeFixture(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        f.fake.person(ANNA).privacyRestricted();
        f.fake.failNext(Operation.SEND_INVITE, 1, FakeFault.unavailable());
        PrivacyRestricted r = assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, ANNA));
        assertTrue(r.inviteLink().isPresent(), "the link is still attached");
        assertFalse(r.inviteSent());
        assertEquals(1, f.fake.calls(Operation.SEND_INVITE).size());
        assertTrue(f.fake.invitesSent().isEmpty());
    }

    // ---- a person's faults ----

    @Test
    void aPersonsFaultHitsOnlyTheirNextAdds() {
        FakeFixture f = withoutPrechecks();
        f.fake.person(ANNA).failNext(1, FakeFault.spamLimited());
        assertInstanceOf(Added.class, f.client.add(TEAM, BORIS), "someone else's add");
        assertInstanceOf(SpamLimited.class, f.client.add(TEAM, ANNA));
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA), "used up");
        assertEquals(List.of(BORIS, ANNA), f.fake.membersOf(TEAM));
    }

    @Test
    void aPersonsTransientFaultsAreRetried() {
        FakeFixture f = new FakeFixture();
        f.fake.person(ANNA).failNext(2, FakeFault.unavailable());
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(3, f.callsFor(Operation.ADD, ANNA));
        assertEquals(1, f.callsFor(Operation.PRECHECK, ANNA), "the pre-check is not an add");
    }

    @Test
    void aPersonsFaultHitsTheirRemovesToo() {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA);
        f.fake.person(ANNA).failNext(1, FakeFault.unauthorized());
        assertInstanceOf(Unauthorized.class, f.client.remove(TEAM, ANNA));
        assertEquals(List.of(ANNA), f.fake.membersOf(TEAM));
        assertInstanceOf(Removed.class, f.client.remove(TEAM, ANNA));
    }

    @Test
    void aPersonsFaultLeavesReadsAlone() {
        FakeFixture f = withoutPrechecks();
        f.fake.person(ANNA).failNext(1, FakeFault.accessDenied());
        assertInstanceOf(Members.class, f.client.members(TEAM));
        assertInstanceOf(InviteLink.class, f.client.inviteLink(TEAM));
        assertInstanceOf(AccessDenied.class, f.client.add(TEAM, ANNA), "still due for the add");
    }

    @Test
    void aPersonsLostAnswerIsSettledLikeAnyOther() {
        FakeFixture f = withoutPrechecks();
        f.fake.person(ANNA).failNext(1, FakeFault.answerLostAfterApplying());
        Added r = assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
        assertEquals(Confirmation.MEMBERSHIP_CHECK, r.confirmedBy());
        assertEquals(1, f.fake.calls(Operation.ADD).size());
    }

    // ---- the faults themselves ----

    @Test
    void faultsAndTheirScriptsRefuseNulls() {
        assertThrows(NullPointerException.class, () -> FakeFault.rateLimited(null));
        assertThrows(NullPointerException.class, () -> FakeFault.slow(null));
        assertThrows(NullPointerException.class, () -> FakeFault.held(null));
        FakeProvider fake = FakeProvider.builder().build();
        assertThrows(NullPointerException.class, () -> fake.failNext(null, 1, FakeFault.unavailable()));
        assertThrows(NullPointerException.class, () -> fake.failNext(Operation.ADD, 1, null));
        assertThrows(NullPointerException.class, () -> fake.person(ANNA).failNext(1, null));
    }
}
