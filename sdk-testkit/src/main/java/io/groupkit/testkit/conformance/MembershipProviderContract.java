package io.groupkit.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Cancellation;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.Done;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequest;
import io.groupkit.core.JoinRequests;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotMember;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.Unsupported;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.spi.WatchSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider SPI contract as JUnit 5 tests. A provider's test class extends it and says how to
 * reach a test account (a simulator, a fake server, an in-memory fake); every test here then runs
 * against that provider, skipping what its {@link io.groupkit.core.spi.Capabilities} do not
 * declare.
 *
 * <p>Each test calls {@link #client()} once, before the test, and expects fresh state: a group
 * where the account may add and remove, and people who can be added directly. A provider that
 * does not declare {@link Operation#ADD} (a Telegram bot: its API has no method that adds) is held
 * to what it declares instead: its add never claims the person was added, every person of a bulk
 * run still has an outcome, and the checks that need someone added first get them in through
 * {@link ScriptedAccount#joinOnTheirOwn} or are skipped.
 */
public abstract class MembershipProviderContract {
    private GroupMembership client;
    private final List<Outcome> seen = new ArrayList<>();

    /** For subclasses. */
    protected MembershipProviderContract() {
    }

    /**
     * A client around the provider under test, over fresh state.
     *
     * @return the client
     */
    protected abstract GroupMembership client();

    /**
     * A group where the account may add and remove people.
     *
     * @return the group
     */
    protected abstract GroupRef group();

    /**
     * The n-th of several distinct people who have an account, are not in {@link #group()}, and can
     * be added directly.
     *
     * @param n from 0 to 9
     * @return the person
     */
    protected abstract Member freshMember(int n);

    /**
     * A group that does not exist.
     *
     * @return the reference
     */
    protected abstract GroupRef missingGroup();

    /**
     * The test group as the account's group listing names it, for providers whose listing uses
     * another kind of reference than {@link #group()} (a CRM item's chat listed as a chat).
     *
     * @return the reference; {@link #group()} by default
     */
    protected GroupRef listedGroup() {
        return group();
    }

    /**
     * The secrets the provider was configured with (tokens, keys); none may appear in any outcome.
     *
     * @return the secrets; empty by default
     */
    protected List<String> secrets() {
        return List.of();
    }

    /**
     * The test account as a script: lost answers, transient refusals, held answers. The default
     * scripts nothing, and the checks that need a script are skipped.
     *
     * @return the script of the account {@link #client()} talks to
     */
    protected ScriptedAccount script() {
        return new ScriptedAccount() {
        };
    }

    @BeforeEach
    final void startContract() {
        client = client();
        assertNotNull(client, "client() must return a client");
        seen.clear();
    }

    /**
     * The client of the current test.
     *
     * @return the client
     */
    protected final GroupMembership membership() {
        return client;
    }

    private <T extends Outcome> T seen(T outcome) {
        assertNotNull(outcome, "an operation returned null instead of an outcome");
        seen.add(outcome);
        return outcome;
    }

    private boolean supports(Operation op) {
        return client.capabilities().supports(op);
    }

    @Test
    final void addsAFreshPerson() {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        AddResult r = seen(client.add(group(), freshMember(0)));
        assertInstanceOf(Added.class, r, () -> "expected Added, got " + r);
        assertTrue(r.isSuccess());
        assertFalse(((Added) r).verifiedByMembershipCheck(), "a confirmed add needs no membership check");
    }

    @Test
    final void addingTwiceIsAlreadyMember() {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        seen(client.add(group(), freshMember(1)));
        AddResult again = seen(client.add(group(), freshMember(1)));
        assertInstanceOf(AlreadyMember.class, again, () -> "expected AlreadyMember, got " + again);
        assertTrue(again.isSuccess(), "AlreadyMember counts as success: the person is in the group");
    }

    @Test
    final void asyncAddAgreesWithSync() {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        AddResult r = seen(client.addAsync(group(), freshMember(2)).join());
        assertInstanceOf(Added.class, r, () -> "expected Added, got " + r);
    }

    /** A provider that cannot add says so on every add, sync or async: never Added, never a success. */
    @Test
    final void aProviderThatCannotAddNeverSaysAdded() {
        assumeFalse(supports(Operation.ADD), "the provider can add");
        AddResult r = seen(client.add(group(), freshMember(0)));
        AddResult async = seen(client.addAsync(group(), freshMember(2)).join());
        for (AddResult a : List.of(r, async)) {
            assertFalse(a instanceof Added || a instanceof AlreadyMember || a.isSuccess(),
                    () -> "a provider without ADD cannot have added anyone, got " + a);
        }
    }

    @Test
    final void anAddedPersonIsListed() {
        assumeTrue(supports(Operation.MEMBERS), "the provider cannot list members");
        int before = members(group()).size();
        seen(client.add(group(), freshMember(3)));
        assertEquals(before + 1, members(group()).size(), "the listing grows by the one person added");
    }

    @Test
    final void removeThenNotMember() {
        assumeTrue(supports(Operation.REMOVE), "the provider cannot remove");
        putIn(freshMember(4));
        RemoveResult removed = seen(client.remove(group(), freshMember(4)));
        assertInstanceOf(Removed.class, removed, () -> "expected Removed, got " + removed);
        RemoveResult again = seen(client.remove(group(), freshMember(4)));
        assertInstanceOf(NotMember.class, again, () -> "expected NotMember, got " + again);
        assertTrue(again.isSuccess(), "NotMember counts as success: the person is not in the group");
    }

    /** Gets a person into the test group: an add, or where the provider cannot add, their own join. */
    private void putIn(Member person) {
        if (supports(Operation.ADD)) {
            seen(client.add(group(), person));
        } else {
            assumeTrue(script().joinOnTheirOwn(group(), person), "the provider cannot add and the account cannot script a join");
        }
    }

    @Test
    final void removingSomeoneNeverAddedIsNotMember() {
        assumeTrue(supports(Operation.REMOVE), "the provider cannot remove");
        RemoveResult r = seen(client.remove(group(), freshMember(5)));
        assertInstanceOf(NotMember.class, r, () -> "expected NotMember, got " + r);
    }

    @Test
    final void inviteLinkIsALinkOrUnsupported() {
        InviteLinkResult r = seen(client.inviteLink(group()));
        if (supports(Operation.INVITE_LINK)) {
            InviteLink link = assertInstanceOf(InviteLink.class, r, () -> "expected InviteLink, got " + r);
            assertTrue(link.url().startsWith("https://") || link.url().startsWith("http://"),
                    () -> "expected an http(s) URL, got " + link.url());
        } else {
            assertInstanceOf(Unsupported.class, r, () -> "expected Unsupported, got " + r);
        }
    }

    @Test
    final void operationsTheProviderLacksAreUnsupportedOutcomes() {
        assumeFalse(supports(Operation.REMOVE) && supports(Operation.MEMBERS) && supports(Operation.INVITE_LINK)
                && supports(Operation.GROUPS), "the provider supports every optional operation");
        if (!supports(Operation.REMOVE)) {
            assertInstanceOf(Unsupported.class, seen(client.remove(group(), freshMember(6))));
        }
        if (!supports(Operation.MEMBERS)) {
            assertInstanceOf(Unsupported.class, seen(client.members(group())));
        }
        if (!supports(Operation.INVITE_LINK)) {
            assertInstanceOf(Unsupported.class, seen(client.inviteLink(group())));
        }
        if (!supports(Operation.GROUPS)) {
            assertInstanceOf(Unsupported.class, seen(client.groups()));
        }
    }

    @Test
    final void theAccountsGroupsIncludeTheTestGroupOrAreUnsupported() {
        GroupsResult r = seen(client.groups(GroupsPage.first()));
        if (!supports(Operation.GROUPS)) {
            assertInstanceOf(Unsupported.class, r, () -> "expected Unsupported, got " + r);
            return;
        }
        Groups all = assertInstanceOf(Groups.class, seen(client.groups()), () -> "expected Groups");
        assertTrue(all.next().isEmpty(), "every page was read");
        assertTrue(all.groups().stream().anyMatch(g -> g.group().key().equals(listedGroup().key())),
                () -> "the account's groups should list " + listedGroup().key() + ", got " + all.groups());
        for (GroupInfo g : all.groups()) {
            assertTrue(client.capabilities().accepts(g.group()),
                    () -> "a listed group must be a reference the other operations take: " + g.group());
        }
    }

    @Test
    final void pagesOfOneGroupWalkThroughEveryGroupOnce() {
        assumeTrue(supports(Operation.GROUPS), "the provider cannot list groups");
        Groups all = assertInstanceOf(Groups.class, seen(client.groups()));
        java.util.Set<String> walked = new java.util.LinkedHashSet<>();
        GroupsPage page = GroupsPage.first().limit(1);
        for (int pages = 0; pages <= all.groups().size() + 1; pages++) {
            Groups one = assertInstanceOf(Groups.class, seen(client.groups(page)), () -> "expected a page");
            assertTrue(one.groups().size() <= 1, () -> "a page of one holds at most one group, got " + one.groups());
            one.groups().forEach(g -> walked.add(g.group().key()));
            if (one.next().isEmpty()) {
                break;
            }
            page = GroupsPage.after(one.next().get()).limit(1);
        }
        assertEquals(all.groups().stream().map(g -> g.group().key()).collect(java.util.stream.Collectors.toSet()),
                walked, "the pages together hold every group");
    }

    @Test
    final void aMissingGroupIsNotFound() {
        AddResult r = seen(client.add(missingGroup(), freshMember(7)));
        NotFound nf = assertInstanceOf(NotFound.class, r, () -> "expected NotFound, got " + r);
        assertEquals(NotFound.Subject.GROUP, nf.subject());
        assertTrue(nf.haltsBulk(), "a missing group stops bulk work");
        if (supports(Operation.MEMBERS)) {
            MembersResult m = seen(client.members(missingGroup()));
            assertInstanceOf(NotFound.class, m, () -> "expected NotFound, got " + m);
        }
    }

    @Test
    @SuppressWarnings("NullAway") // passes null where the API forbids it, on purpose: the checks it tests
    final void nullArgumentsThrowWithAMessage() {
        Member m = freshMember(8);
        assertMessage(assertThrows(NullPointerException.class, () -> client.add(null, m)));
        assertMessage(assertThrows(NullPointerException.class, () -> client.add(group(), null)));
        assertMessage(assertThrows(NullPointerException.class, () -> client.addAsync(group(), null)));
        assertMessage(assertThrows(NullPointerException.class, () -> client.remove(null, m)));
        assertMessage(assertThrows(NullPointerException.class, () -> client.inviteLink(null)));
        assertMessage(assertThrows(NullPointerException.class, () -> client.members(null)));
        assertMessage(assertThrows(NullPointerException.class, () -> client.groups(null)));
        assertMessage(assertThrows(NullPointerException.class, () -> client.addAll(group(), null)));
    }

    @Test
    final void undeclaredMemberKindsAreRejected() {
        Map<MemberKind, Member> samples = Map.of(
                MemberKind.PHONE, Member.phone("+7 900 000-00-09"),
                MemberKind.USER_ID, Member.userId("conformance-user"),
                MemberKind.USERNAME, Member.username("conformance_user"),
                MemberKind.CHAT_ID, Member.chatId("conformance@c.us"));
        int rejected = 0;
        for (MemberKind kind : MemberKind.values()) {
            if (!client.capabilities().memberKinds().contains(kind)) {
                Member sample = Objects.requireNonNull(samples.get(kind), () -> "no sample member of kind " + kind);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.add(group(), sample));
                String message = String.valueOf(e.getMessage());
                assertTrue(message.contains(kind.name()), () -> "the message should name the kind: " + message);
                rejected++;
            }
        }
        assumeTrue(rejected > 0, "the provider takes every member kind");
    }

    @Test
    final void bulkAddAccountsForEveryone() {
        List<Member> people = List.of(freshMember(0), freshMember(1), freshMember(2), freshMember(0));
        BulkReport report = client.addAll(group(), people);
        report.entries().forEach(e -> seen(e.outcome()));
        assertEquals(people.size(), report.total(), "every person has an outcome, is a duplicate or is not attempted");
        assertEquals(3, report.entries().size(), "the person named twice is sent once");
        assertTrue(report.notAttempted().isEmpty());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, report.entries().get(i).index(), "entries are in input order");
            assertEquals(people.get(i), report.entries().get(i).member());
        }
        assertEquals(List.of(new BulkReport.Duplicate(3, freshMember(0), 0)), report.duplicates());
        if (supports(Operation.ADD)) {
            assertEquals(3, report.count(OutcomeKind.ADDED), () -> "counts: " + report.counts());
            assertTrue(report.allSucceeded());
        } else {
            assertEquals(0, report.count(OutcomeKind.ADDED), () -> "a provider without ADD added: " + report.counts());
        }
    }

    @Test
    final void aLargerRunKeepsTheInputOrderAcrossBatches() {
        List<Member> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            people.add(freshMember(20 + i));
        }
        BulkReport report = client.addAll(group(), people);
        report.entries().forEach(e -> seen(e.outcome()));
        for (int i = 0; i < people.size(); i++) {
            assertEquals(i, report.entries().get(i).index(), "entries are in input order");
            assertEquals(people.get(i), report.entries().get(i).member(), "each outcome belongs to its own person");
        }
        assumeTrue(supports(Operation.ADD), "the provider cannot add: the order was checked, the counts are not its");
        // Added, or open where an attempt ran out of time under the run's concurrency (on virtual
        // time other units' pacing waits move the clock past a call still on the wire).
        assertEquals(12, report.count(OutcomeKind.ADDED) + report.count(OutcomeKind.INDETERMINATE),
                () -> "counts: " + report.counts());
        assertTrue(report.count(OutcomeKind.ADDED) > 0, () -> "counts: " + report.counts());
    }

    @Test
    final void concurrentAddsOfDifferentPeopleEachEndOnce() throws Exception {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        int before = supports(Operation.MEMBERS) ? members(group()).size() : 0;
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<AddResult> outcomes = new ArrayList<>();
        try {
            List<Future<AddResult>> adds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Member m = freshMember(40 + i);
                adds.add(callers.submit(() -> client.add(group(), m)));
            }
            for (Future<AddResult> add : adds) {
                outcomes.add(seen(add.get(60, TimeUnit.SECONDS)));
            }
        } finally {
            callers.shutdownNow();
        }
        // A client is shared by threads: each call ends added, or open (an attempt ran out of
        // time under the load; on virtual time other callers' waits move the clock), never anything else.
        long added = outcomes.stream().filter(Added.class::isInstance).count();
        long open = outcomes.stream().filter(io.groupkit.core.Indeterminate.class::isInstance).count();
        assertEquals(8, added + open, () -> "outcomes: " + outcomes.stream().map(Outcome::kind).toList());
        assertTrue(added > 0, "no add of eight got through");
        if (supports(Operation.MEMBERS)) {
            int grew = members(group()).size() - before;
            assertTrue(grew >= added && grew <= added + open, () -> "the listing grew by " + grew + " for " + added
                    + " added and " + open + " open");
        }
    }

    @Test
    final void anAnswerLostAfterTheAddIsAddedOrIndeterminateAndTheAddIsNotRepeated() {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        assumeTrue(script().loseNextAddAnswerAfterApplying(), "the account cannot lose an answer after applying it");
        int before = supports(Operation.MEMBERS) ? members(group()).size() : 0;
        AddResult r = seen(client.add(group(), freshMember(60)));
        assertTrue(r instanceof Added || r instanceof io.groupkit.core.Indeterminate,
                () -> "a lost answer is settled (Added) or stays open (Indeterminate), never " + r.kind());
        if (supports(Operation.MEMBERS)) {
            assertEquals(before + 1, members(group()).size(), "the person is in the group, once");
            assertInstanceOf(Added.class, r, "a provider that lists settles a lost answer");
        }
    }

    @Test
    final void anAnswerLostBeforeTheAddIsNeverAFalseAdded() {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        assumeTrue(script().loseNextAddAnswerBeforeApplying(), "the account cannot lose an answer before applying it");
        int before = supports(Operation.MEMBERS) ? members(group()).size() : 0;
        AddResult r = seen(client.add(group(), freshMember(61)));
        assertTrue(r instanceof Added || r instanceof io.groupkit.core.Indeterminate,
                () -> "checked and absent, the add is sent again (Added), or stays open (Indeterminate), never " + r.kind());
        if (supports(Operation.MEMBERS)) {
            int grew = members(group()).size() - before;
            assertEquals(r instanceof Added ? 1 : 0, grew, () -> r.kind() + " while the listing grew by " + grew);
        }
    }

    @Test
    final void aTransientRefusalIsRetried() {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        assumeTrue(script().refuseNextAddTransiently(), "the account cannot refuse a call transiently");
        assertInstanceOf(Added.class, seen(client.add(group(), freshMember(62))), "the retry adds the person");
    }

    @Test
    final void anAsyncAddDoesNotHoldTheCallerWhileItsAnswerIsOutstanding() throws Exception {
        assumeTrue(supports(Operation.ADD), "the provider cannot add");
        Optional<Runnable> release = script().holdNextAdd();
        assumeTrue(release.isPresent(), "the account cannot hold an answer");
        CompletableFuture<AddResult> add = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> client.addAsync(group(), freshMember(63)), "addAsync waited for the answer");
        assertFalse(add.isDone(), "the answer is held, so the call cannot be over");
        release.get().run();
        assertInstanceOf(Added.class, seen(add.get(60, TimeUnit.SECONDS)));
    }

    @Test
    final void aCancelledBulkRunSendsNothing() {
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        BulkReport report = client.addAll(group(), List.of(freshMember(0), freshMember(1)),
                BulkOptions.defaults().cancellation(cancelled));
        assertTrue(report.cancelled());
        assertTrue(report.entries().isEmpty());
        assertEquals(2, report.notAttempted().size());
        if (supports(Operation.MEMBERS)) {
            MembersResult listing = seen(client.members(group()));
            Members members = assertInstanceOf(Members.class, listing);
            assertTrue(members.members().stream().noneMatch(m -> m.member().equals(freshMember(0))),
                    "nobody was added after the cancellation");
        }
    }

    @Test
    final void everyOutcomeExplainsItselfAndKeepsSecrets() {
        seen(client.add(group(), freshMember(9)));
        seen(client.add(group(), freshMember(9)));
        seen(client.add(missingGroup(), freshMember(9)));
        seen(client.inviteLink(group()));
        seen(client.inviteLink(missingGroup()));
        seen(client.members(group()));
        seen(client.remove(missingGroup(), freshMember(9)));
        for (Outcome o : seen) {
            assertNotNull(o.kind());
            assertEquals(client.provider(), o.detail().provider(), () -> "detail names another provider: " + o);
            assertFalse(o.detail().code().isBlank(), () -> "blank code: " + o);
            assertFalse(o.remedy().isBlank(), () -> "blank remedy: " + o);
            for (String secret : secrets()) {
                assertFalse(o.toString().contains(secret), () -> "an outcome shows a secret: " + o.kind());
                assertFalse(o.remedy().contains(secret), () -> "a remedy shows a secret: " + o.kind());
            }
        }
        for (String secret : secrets()) {
            assertFalse(client.toString().contains(secret), "the client's toString shows a secret");
        }
    }

    @Test
    final void aWatchReportsAScriptedJoinAndLeaveOnce() throws Exception {
        assumeTrue(supports(Operation.MEMBERS), "the provider cannot list members");
        Member person = freshMember(64);
        WatchSource source = client.watchSource();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        WatchRecord record = new WatchRecord(source.time());
        MembershipWatch watch = client.watch().groups(group()).store(MembershipStore.inMemory()).executor(executor)
                .interval(Duration.ofSeconds(1)).listener(record).start(record);
        try {
            record.listings(1); // the baseline
            assumeTrue(script().joinOnTheirOwn(group(), person), "the account cannot script a join");
            record.until(() -> record.about(source, person, EventKind.JOINED) > 0, "the join");
            record.listings(3);
            assertEquals(1, record.about(source, person, EventKind.JOINED), () -> "one join, once: " + record.events());
            assumeTrue(script().leaveOnTheirOwn(group(), person), "the account cannot script a leave");
            record.until(() -> record.about(source, person, EventKind.LEFT, EventKind.REMOVED) > 0, "the leave");
            record.listings(3);
            assertEquals(1, record.about(source, person, EventKind.LEFT, EventKind.REMOVED),
                    () -> "one leave, once: " + record.events());
            assertEquals(2, record.events().size(), () -> "nothing but the join and the leave: " + record.events());
            assertEquals(2, record.events().stream().map(MembershipEvent::id).distinct().count(), "distinct event ids");
        } finally {
            watch.close();
            executor.shutdownNow();
        }
    }

    // ---- join requests: only where the provider declares them, and the account can script a request ----

    @Test
    final void joinRequestOperationsTheProviderLacksAreUnsupportedOutcomes() {
        assumeFalse(supports(Operation.JOIN_REQUESTS) && supports(Operation.DECIDE_JOIN_REQUEST)
                && supports(Operation.DECIDE_ALL_JOIN_REQUESTS), "the provider supports every join-request operation");
        if (!supports(Operation.JOIN_REQUESTS)) {
            assertInstanceOf(Unsupported.class, seen(client.joinRequests(group(), JoinRequestsPage.first())));
        }
        if (!supports(Operation.DECIDE_JOIN_REQUEST)) {
            assertInstanceOf(Unsupported.class, seen(client.approveJoinRequest(group(), freshMember(70))));
        }
        if (!supports(Operation.DECIDE_ALL_JOIN_REQUESTS)) {
            assertInstanceOf(Unsupported.class, seen(client.declineAllJoinRequests(group())));
        }
    }

    @Test
    final void anApprovedJoinRequestJoinsOnceAndIsGone() {
        assumeTrue(supports(Operation.JOIN_REQUESTS) && supports(Operation.DECIDE_JOIN_REQUEST),
                "the provider has no join requests to approve");
        List<JoinRequest> before = pending();
        assumeTrue(script().requestToJoin(group(), freshMember(71)), "the account cannot script a join request");
        JoinRequest request = newOne(before);
        DecisionResult approved = seen(client.approveJoinRequest(group(), request.member()));
        assertInstanceOf(Done.class, approved, () -> "expected Done, got " + approved);
        assertFalse(pending().contains(request), "an approved request is no longer pending");
        if (supports(Operation.MEMBERS)) {
            assertTrue(members(group()).stream().anyMatch(m -> ((io.groupkit.core.GroupMember) m).member().equals(
                    request.member())), () -> "the approved person is listed as a member: " + members(group()));
        }
        DecisionResult again = seen(client.declineJoinRequest(group(), request.member()));
        NotFound gone = assertInstanceOf(NotFound.class, again, () -> "a decided request is not pending: " + again);
        assertEquals(NotFound.Subject.MEMBER, gone.subject());
    }

    /** Approving is a join like any other: a watch of the group reports it once. */
    @Test
    final void aWatchReportsAnApprovedRequestAsAJoinOnce() throws Exception {
        assumeTrue(supports(Operation.MEMBERS) && supports(Operation.JOIN_REQUESTS)
                && supports(Operation.DECIDE_JOIN_REQUEST), "the provider cannot list members and approve requests");
        List<JoinRequest> before = pending();
        assumeTrue(script().requestToJoin(group(), freshMember(75)), "the account cannot script a join request");
        JoinRequest request = newOne(before);
        WatchSource source = client.watchSource();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        WatchRecord record = new WatchRecord(source.time());
        MembershipWatch watch = client.watch().groups(group()).store(MembershipStore.inMemory()).executor(executor)
                .interval(Duration.ofSeconds(1)).listener(record).start(record);
        try {
            record.listings(1); // the baseline
            assertInstanceOf(Done.class, seen(client.approveJoinRequest(group(), request.member())));
            record.until(() -> record.about(source, request.member(), EventKind.JOINED) > 0, "the approved join");
            record.listings(2);
            assertEquals(1, record.about(source, request.member(), EventKind.JOINED), () -> "one join: " + record.events());
        } finally {
            watch.close();
            executor.shutdownNow();
        }
    }

    /**
     * A provider that decides requests but cannot list them (a Telegram bot: they arrive as
     * events) decides a scripted request by the person, once: deciding it again finds none.
     */
    @Test
    final void aRequestIsDecidedOnceWithoutAListing() {
        assumeTrue(supports(Operation.DECIDE_JOIN_REQUEST) && !supports(Operation.JOIN_REQUESTS),
                "the provider lists join requests (checked above) or cannot decide them");
        assumeTrue(script().requestToJoin(group(), freshMember(76)) && script().requestToJoin(group(), freshMember(77)),
                "the account cannot script join requests");
        DecisionResult approved = seen(client.approveJoinRequest(group(), freshMember(76)));
        assertInstanceOf(Done.class, approved, () -> "expected Done, got " + approved);
        DecisionResult declined = seen(client.declineJoinRequest(group(), freshMember(77)));
        assertInstanceOf(Done.class, declined, () -> "expected Done, got " + declined);
        for (Member decided : List.of(freshMember(76), freshMember(77))) {
            DecisionResult again = seen(client.declineJoinRequest(group(), decided));
            NotFound gone = assertInstanceOf(NotFound.class, again, () -> "a decided request is not pending: " + again);
            assertEquals(NotFound.Subject.MEMBER, gone.subject());
        }
        DecisionResult never = seen(client.declineJoinRequest(group(), freshMember(78)));
        assertInstanceOf(NotFound.class, never, () -> "a request nobody made is not found: " + never);
    }

    @Test
    final void aDeclinedJoinRequestIsGoneAndThePersonStaysOut() {
        assumeTrue(supports(Operation.JOIN_REQUESTS) && supports(Operation.DECIDE_JOIN_REQUEST),
                "the provider has no join requests to decline");
        List<JoinRequest> before = pending();
        assumeTrue(script().requestToJoin(group(), freshMember(72)), "the account cannot script a join request");
        JoinRequest request = newOne(before);
        DecisionResult declined = seen(client.decideJoinRequest(group(), request.member(), JoinDecision.DECLINE));
        assertInstanceOf(Done.class, declined, () -> "expected Done, got " + declined);
        assertFalse(pending().contains(request), "a declined request is no longer pending");
        if (supports(Operation.MEMBERS)) {
            assertFalse(members(group()).stream().anyMatch(m -> ((io.groupkit.core.GroupMember) m).member().equals(
                    request.member())), "a declined person is not a member");
        }
    }

    @Test
    final void declineAllLeavesNoRequest() {
        assumeTrue(supports(Operation.JOIN_REQUESTS) && supports(Operation.DECIDE_ALL_JOIN_REQUESTS),
                "the provider cannot decide every join request at once");
        assumeTrue(script().requestToJoin(group(), freshMember(73)) && script().requestToJoin(group(), freshMember(74)),
                "the account cannot script join requests");
        DecisionResult all = seen(client.declineAllJoinRequests(group()));
        assertInstanceOf(Done.class, all, () -> "expected Done, got " + all);
        assertEquals(List.of(), pending(), "nothing is pending after declining all");
    }

    private List<JoinRequest> pending() {
        JoinRequestsResult r = seen(client.joinRequests(group()));
        JoinRequests all = assertInstanceOf(JoinRequests.class, r, () -> "expected JoinRequests, got " + r);
        assertTrue(all.next().isEmpty(), "every page was read");
        return all.requests();
    }

    private JoinRequest newOne(List<JoinRequest> before) {
        List<JoinRequest> added = new ArrayList<>(pending());
        added.removeAll(before);
        assertEquals(1, added.size(), () -> "one new join request listed, got " + added);
        return added.get(0);
    }

    private List<?> members(GroupRef g) {
        MembersResult r = seen(client.members(g));
        return assertInstanceOf(Members.class, r, () -> "expected Members, got " + r).members();
    }

    private static void assertMessage(RuntimeException e) {
        assertNotNull(e.getMessage(), "a caller's bug must say what was expected");
        assertFalse(e.getMessage().isBlank(), "a caller's bug must say what was expected");
    }
}
