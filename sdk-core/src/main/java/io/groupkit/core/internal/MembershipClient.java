package io.groupkit.core.internal;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Confirmation;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Redaction;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.internal.Attempts.Step;
import io.groupkit.core.internal.Attempts.Verdict;
import io.groupkit.core.internal.Attempts.Verdict.Final;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** The {@link GroupMembership} implementation: checks arguments, then applies the policies. */
public final class MembershipClient implements GroupMembership {
    private final MembershipProvider provider;
    private final Policies policies;
    private final Capabilities capabilities;
    private final Attempts attempts;
    private final InviteLinks inviteLinks;
    private final Listening listening;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A client over a provider.
     *
     * @param provider the connector
     * @param policies the policies
     */
    public MembershipClient(MembershipProvider provider, Policies policies) {
        this.provider = Objects.requireNonNull(provider, "provider must not be null");
        this.policies = Objects.requireNonNull(policies, "policies must not be null");
        this.capabilities = Objects.requireNonNull(provider.capabilities(), "the provider's capabilities must not be null");
        this.listening = new Listening(policies.listener(), provider.name());
        this.attempts = new Attempts(provider, policies,
                policies.rateLimiter().orElseGet(TokenBucketRateLimiter::new), listening);
        this.inviteLinks = new InviteLinks(this, provider, policies, attempts, listening);
    }

    @Override
    public String provider() {
        return provider.name();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public AddResult add(GroupRef group, Member member) {
        return Blocking.run(() -> Stages.await(addAsync(group, member)));
    }

    @Override
    public CompletableFuture<AddResult> addAsync(GroupRef group, Member member) {
        check(group, member);
        return observed(Operation.ADD.name(), call -> guard(addChecked(call, group, member, Halt.NEVER),
                e -> failedWrite(Operation.ADD.name(), e)));
    }

    @Override
    public RemoveResult remove(GroupRef group, Member member) {
        return Blocking.run(() -> Stages.await(removeAsync(group, member)));
    }

    @Override
    public CompletableFuture<RemoveResult> removeAsync(GroupRef group, Member member) {
        check(group, member);
        if (!capabilities.supports(Operation.REMOVE)) {
            return CompletableFuture.completedFuture(unsupported(Operation.REMOVE));
        }
        return observed(Operation.REMOVE.name(), call -> guard(attempts.run(Step.of(Operation.REMOVE.name(),
                        attempts.limits(Operation.REMOVE), describe(group, member), ctx -> provider.remove(ctx, group, member),
                        this::failedWrite)
                .settledBy(r -> r instanceof Indeterminate lost ? resolveRemove(call, group, member, lost) : done(new Final<>(r))),
                call), e -> failedWrite(Operation.REMOVE.name(), e)));
    }

    @Override
    public InviteLinkResult inviteLink(GroupRef group) {
        return Blocking.run(() -> Stages.await(inviteLinkAsync(group)));
    }

    @Override
    public CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group) {
        check(group);
        return observed(Operation.INVITE_LINK.name(), call -> guard(inviteLinks.fetch(call, group),
                e -> failedRead(Operation.INVITE_LINK.name(), e)));
    }

    @Override
    public MembersResult members(GroupRef group) {
        return Blocking.run(() -> Stages.await(membersAsync(group)));
    }

    @Override
    public CompletableFuture<MembersResult> membersAsync(GroupRef group) {
        check(group);
        return observed(Operation.MEMBERS.name(), call -> guard(listMembers(call, group),
                e -> failedRead(Operation.MEMBERS.name(), e)));
    }

    @Override
    public GroupsResult groups(GroupsPage page) {
        return Blocking.run(() -> Stages.await(groupsAsync(page)));
    }

    @Override
    public CompletableFuture<GroupsResult> groupsAsync(GroupsPage page) {
        Objects.requireNonNull(page, "page must not be null");
        provider.checkPage(page);
        if (!capabilities.supports(Operation.GROUPS)) {
            return CompletableFuture.completedFuture(unsupported(Operation.GROUPS));
        }
        return observed(Operation.GROUPS.name(), call -> guard(attempts.run(Step.of(Operation.GROUPS.name(),
                        attempts.limits(Operation.GROUPS), "groups", ctx -> provider.groups(ctx, page), this::failedRead), call),
                e -> failedRead(Operation.GROUPS.name(), e)));
    }

    @Override
    public BulkReport addAll(GroupRef group, List<? extends Member> members, BulkOptions options) {
        if (closed.get()) {
            throw new IllegalStateException("this " + provider.name() + " client is closed: build a new one");
        }
        check(group);
        Objects.requireNonNull(members, "members must not be null");
        Objects.requireNonNull(options, "options must not be null");
        List<Member> people = List.copyOf(members); // also rejects null entries
        people.forEach(this::check);
        BulkReport report = new BulkRun(this, provider, attempts, group, people, options).run();
        listening.bulkEnded(provider.name(), report);
        return report;
    }

    /**
     * Runs one call, telling the listener it started and how it ended. The work is created after
     * {@code callStarted}, so that the listener sees every wait and attempt inside it.
     */
    <R extends Outcome> CompletableFuture<R> observed(String operation,
                                                       Function<GroupKitListener.Call, CompletableFuture<R>> work) {
        if (closed.get()) {
            throw new IllegalStateException("this " + provider.name() + " client is closed: build a new one");
        }
        GroupKitListener.Call call = listening.call(operation);
        listening.callStarted(call);
        long start = attempts.time().nanoTime();
        // Armed before the work starts, so that on virtual time the work's own waits move past it.
        Optional<CompletableFuture<Void>> alarm = policies.callTimeout()
                .map(bound -> attempts.time().alarm(bound).toCompletableFuture());
        CompletableFuture<R> result = bounded(operation, alarm, work.apply(call));
        result.whenComplete((r, e) -> {
            Duration took = Duration.ofNanos(attempts.time().nanoTime() - start);
            if (r != null) {
                listening.callEnded(call, r, took);
            } else if (e != null && Stages.unwrap(e) instanceof Halt.Halted) {
                listening.callDropped(call);
            } else {
                // Only a bulk unit's raw stage fails; the run records the same outcome for it.
                listening.callEnded(call, failedWrite(operation, e != null ? Stages.unwrap(e)
                        : new NullPointerException("no outcome")), took);
            }
        });
        return result;
    }

    /**
     * The call's outcome, or, once {@link Policies#callTimeout()} has passed, an outcome that says
     * the call ran out of time (the work under way is not waited for; its late answer is dropped).
     */
    @SuppressWarnings("unchecked")
    private <R extends Outcome> CompletableFuture<R> bounded(String operation, Optional<CompletableFuture<Void>> armed,
                                                              CompletableFuture<R> work) {
        if (armed.isEmpty()) {
            return work;
        }
        Duration bound = policies.callTimeout().orElseThrow();
        CompletableFuture<Void> alarm = armed.get();
        CompletableFuture<R> result = new CompletableFuture<>();
        alarm.thenRun(() -> {
            boolean changes = !(operation.equals(Operation.INVITE_LINK.name()) || operation.equals(Operation.MEMBERS.name())
                    || operation.equals(Operation.GROUPS.name()));
            ProviderDetail d = synthetic("CALL_TIMEOUT", operation + " did not end within the call timeout of " + bound
                    + (changes ? "; an attempt may still be under way and take effect" : ""));
            result.complete((R) (changes ? new Indeterminate(d.withRemedy("List the group's members before trying again,"
                    + " so that nothing is done twice.")) : new Unavailable(d)));
        });
        work.whenComplete((r, e) -> {
            Stages.release(alarm);
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        });
        return result;
    }

    /**
     * Closes the client: the provider's resources (a connection, an I/O thread) are released, and
     * any later call throws {@link IllegalStateException}. Calls under way end as they end.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            provider.close();
        }
    }

    /** The listener, made safe, for the bulk run. */
    Listening listening() {
        return listening;
    }

    // ---- flows shared with the bulk run ----

    /**
     * The whole add of one checked person: pre-check, attempts, fallback; it gives up unsent
     * (failing with {@link Halt.Halted}) once {@code halt} says so.
     */
    CompletionStage<AddResult> addChecked(GroupKitListener.Call call, GroupRef group, Member member, Halt halt) {
        if (halt.halted()) {
            return CompletableFuture.failedFuture(new Halt.Halted());
        }
        return precheck(group, member)
                .thenCompose(pre -> pre.isPresent() ? done(pre.get()) : addAttempts(call, group, member, halt))
                .thenCompose(r -> inviteLinks.fallback(call, group, member, r));
    }

    /** The invite-link fallback for one outcome. */
    CompletionStage<AddResult> fallback(GroupKitListener.Call call, GroupRef group, Member member, AddResult r) {
        return inviteLinks.fallback(call, group, member, r);
    }

    CompletionStage<Optional<AddResult>> precheck(GroupRef group, Member member) {
        if (!policies.prechecks() || !capabilities.supports(Operation.PRECHECK)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return precheckAttempts(group, member);
    }

    /** A pre-check whose answer is retryable (the provider is starting up) is tried again. */
    private CompletionStage<Optional<AddResult>> precheckAttempts(GroupRef group, Member member) {
        // A pre-check that cannot run must not let an unchecked number through: stop with Unavailable.
        return attempts.run(Step.<Optional<AddResult>>of(Operation.PRECHECK.name(), attempts.limits(Operation.PRECHECK),
                describe(group, member), ctx -> provider.precheck(ctx, group, member),
                (op, e) -> Optional.of(new Unavailable(synthetic("PRECHECK_FAILED",
                        "the pre-check could not run, so the person was not sent to the group"))),
                pre -> pre.filter(Outcome::retryable).map(Outcome.class::cast)), null);
    }

    /** Attempts of an add (after the pre-check), with retries and resolution of lost answers. */
    CompletionStage<AddResult> addAttempts(GroupKitListener.Call call, GroupRef group, Member member) {
        return addAttempts(call, group, member, Halt.NEVER);
    }

    private CompletionStage<AddResult> addAttempts(GroupKitListener.Call call, GroupRef group, Member member, Halt halt) {
        AtomicReference<AddResult> reachedProvider = new AtomicReference<>();
        return attempts.run(Step.of(Operation.ADD.name(), attempts.limits(Operation.ADD), describe(group, member),
                        ctx -> provider.add(ctx, group, member), this::failedWrite)
                .settledBy(r -> resolveAdd(call, group, member, r).thenApply(v -> credit(v, r, reachedProvider))), call, halt);
    }

    /**
     * An attempt that follows one which reached the provider and may have taken effect (a 5xx the
     * provider advises retrying, a lost answer): the person found in the group is this call's
     * doing, so "already a member" counts as added.
     */
    private Verdict<AddResult> credit(Verdict<AddResult> settled, AddResult attempt,
                                      AtomicReference<AddResult> reachedProvider) {
        AddResult earlier = reachedProvider.get();
        if (mayHaveApplied(attempt)) {
            reachedProvider.compareAndSet(null, attempt);
        }
        if (earlier != null && settled instanceof Final<AddResult> f && f.answer() instanceof AlreadyMember) {
            return new Final<>(new Added(synthetic("ADDED_BY_EARLIER_ATTEMPT", "an earlier attempt reached the provider and failed ("
                    + earlier.detail().code() + "); the retry found the person in the group already"), Confirmation.MEMBERSHIP_CHECK));
        }
        return settled;
    }

    /**
     * Whether an attempt's outcome leaves open that the provider carried the change out: a lost
     * answer, or a server error after the request reached it (500, 502, 504…; not 503, which
     * refuses the request).
     */
    static boolean mayHaveApplied(Outcome attempt) {
        if (attempt instanceof Indeterminate) {
            return true;
        }
        int status = attempt instanceof Unavailable u ? u.detail().status().orElse(0) : 0;
        return status >= 500 && status != 503;
    }

    /** Second look at an add's outcome: a lost answer is settled by listing the group. */
    CompletionStage<Verdict<AddResult>> resolveAdd(GroupKitListener.Call call, GroupRef group, Member member, AddResult r) {
        return resolveAdd(call, group, member, r, () -> listMembers(settlement(), group));
    }

    /** A listing made to settle a lost answer: its waits and attempts are told, it is no call of the caller's. */
    private GroupKitListener.Call settlement() {
        return listening.call(Operation.MEMBERS.name());
    }

    /**
     * {@link #resolveAdd(GroupKitListener.Call, GroupRef, Member, AddResult)} against a listing that several people share:
     * the people of one lost batch are settled with one listing, not one each.
     */
    CompletionStage<Verdict<AddResult>> resolveAdd(GroupKitListener.Call call, GroupRef group, Member member, AddResult r,
                                                   Supplier<CompletionStage<MembersResult>> listing) {
        if (!(r instanceof Indeterminate lost)) {
            return done(new Final<>(r));
        }
        return isListed(group, member, listing).thenApply(found -> told(call, lost, found, switch (found) {
            case PRESENT -> new Final<>(new Added(synthetic("VERIFIED_BY_MEMBERSHIP_CHECK",
                    "the add got no answer (" + lost.detail().code() + "); the group's member list shows the person"),
                    Confirmation.MEMBERSHIP_CHECK));
            case ABSENT -> resend(new Unavailable(synthetic("NOT_ADDED_VERIFIED",
                    "the add got no answer (" + lost.detail().code() + "); the group's member list shows the person is not in it")));
            case UNKNOWN -> new Final<>(lost);
        }));
    }

    /** Checked and not done: sending again is due; the answer stands if no attempt is left. */
    private static <R extends Outcome> Verdict<R> resend(R absent) {
        return new Verdict.Resend<>(absent, absent);
    }

    private <R extends Outcome> Verdict<R> told(GroupKitListener.Call call, Outcome lost, MembershipCheck found,
                                                Verdict<R> settled) {
        listening.settled(call, lost, found, settled.answer());
        return settled;
    }

    CompletionStage<MembersResult> listMembers(GroupKitListener.Call call, GroupRef group) {
        if (!capabilities.supports(Operation.MEMBERS)) {
            return done(unsupported(Operation.MEMBERS));
        }
        return attempts.run(Step.of(Operation.MEMBERS.name(), attempts.limits(Operation.MEMBERS), describe(group),
                ctx -> provider.members(ctx, group), this::failedRead), call);
    }

    CompletionStage<InviteLinkResult> fetchInviteLink(GroupKitListener.Call call, GroupRef group) {
        if (!capabilities.supports(Operation.INVITE_LINK)) {
            return done(unsupported(Operation.INVITE_LINK));
        }
        return attempts.run(Step.of(Operation.INVITE_LINK.name(), attempts.limits(Operation.INVITE_LINK), describe(group),
                ctx -> provider.inviteLink(ctx, group), this::failedRead), call);
    }

    private CompletionStage<Verdict<RemoveResult>> resolveRemove(GroupKitListener.Call call, GroupRef group, Member member,
                                                                 Indeterminate lost) {
        return isListed(group, member, () -> listMembers(settlement(), group)).thenApply(found -> told(call, lost, found,
                switch (found) {
            case ABSENT -> new Final<>(new Removed(synthetic("VERIFIED_BY_MEMBERSHIP_CHECK", "the removal got no answer ("
                    + lost.detail().code() + "); the group's member list no longer shows the person"),
                    Confirmation.MEMBERSHIP_CHECK));
            case PRESENT -> resend(new Unavailable(synthetic("NOT_REMOVED_VERIFIED",
                    "the removal got no answer (" + lost.detail().code() + "); the group's member list still shows the person")));
            case UNKNOWN -> new Final<>(lost);
        }));
    }

    private CompletionStage<MembershipCheck> isListed(GroupRef group, Member member,
                                                      Supplier<CompletionStage<MembersResult>> listing) {
        if (!capabilities.supports(Operation.MEMBERS)) {
            return attempts.run(membershipCheck(group, member, attempts.limits(Operation.MEMBERS), Optional.empty()), null);
        }
        // The listing was paced and attempted as a call of its own: reading it needs no permit.
        return Stages.invoke(listing).thenCompose(members -> attempts.run(membershipCheck(group, member, List.of(),
                        Optional.of(members)), null))
                .exceptionally(e -> MembershipCheck.UNKNOWN);
    }

    /** One question, asked once: a check that cannot be made is UNKNOWN, never a reason to resend. */
    private Step<MembershipCheck> membershipCheck(GroupRef group, Member member, List<RateLimit> limits,
                                                  Optional<MembersResult> listing) {
        return Step.of("MEMBERSHIP_CHECK", limits, describe(group, member),
                ctx -> provider.isMember(ctx, group, member, listing), (op, e) -> MembershipCheck.UNKNOWN, found -> Optional.empty());
    }

    /**
     * The group's members, listed on the first call only and shared by every later call: for
     * settling the lost answers of one batch.
     */
    Supplier<CompletionStage<MembersResult>> sharedListing(GroupRef group) {
        AtomicReference<CompletableFuture<MembersResult>> once = new AtomicReference<>();
        return () -> {
            CompletableFuture<MembersResult> mine = new CompletableFuture<>();
            if (!once.compareAndSet(null, mine)) {
                return once.get();
            }
            Stages.invoke(() -> listMembers(settlement(), group)).whenComplete((r, e) -> {
                if (r != null) {
                    mine.complete(r);
                } else {
                    mine.complete(failedRead(Operation.MEMBERS.name(), e != null ? Stages.unwrap(e)
                            : new NullPointerException("no listing")));
                }
            });
            return mine;
        };
    }

    /**
     * The last line of the promise that public futures never fail: a bug anywhere below (a
     * connector's rate limits, a custom limiter) still ends in an outcome.
     */
    private static <R> CompletableFuture<R> guard(CompletionStage<R> stage, Function<Throwable, R> outcome) {
        return stage.handle((r, e) -> r != null ? r : outcome.apply(e != null ? Stages.unwrap(e)
                : new NullPointerException("no outcome"))).toCompletableFuture();
    }

    // ---- outcomes GroupKit makes itself ----

    Indeterminate failedWrite(String op, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new Indeterminate(synthetic("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage() + "; it may have been sent"));
        }
        return new Indeterminate(synthetic("CONNECTOR_FAILURE",
                op + " failed in the connector with " + cause.getClass().getName() + "; it may have been sent"));
    }

    Unavailable failedRead(String op, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new Unavailable(synthetic("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage()));
        }
        return new Unavailable(synthetic("CONNECTOR_FAILURE",
                op + " failed in the connector with " + cause.getClass().getName()));
    }

    private Unsupported unsupported(Operation op) {
        return new Unsupported(synthetic("UNSUPPORTED", provider.name() + " has no " + op + " operation"));
    }

    ProviderDetail synthetic(String code, String description) {
        return ProviderDetail.of(provider.name(), code).withDescription(description);
    }

    static <R> CompletionStage<R> done(R r) {
        return CompletableFuture.completedFuture(r);
    }

    // ---- for provider clients: their own operations under the same policies ----

    /**
     * Runs a provider-specific operation (create a group, rename it, set an admin) with the
     * client's pacing, retries and attempt timeout. A call that fails in the connector or times out
     * is {@link Indeterminate} if it changes something, {@link Unavailable} if it only reads.
     *
     * @param op the operation's name, for logs
     * @param limits the rate limits each attempt waits for
     * @param changes whether the operation changes anything at the provider
     * @param call one attempt
     * @return the outcome; the future does not fail
     */
    public CompletableFuture<ActionResult> execute(String op, List<RateLimit> limits, boolean changes,
                                                   Function<AttemptContext, CompletionStage<ActionResult>> call) {
        Objects.requireNonNull(op, "op must not be null");
        Objects.requireNonNull(limits, "limits must not be null");
        Objects.requireNonNull(call, "call must not be null");
        BiFunction<String, Throwable, ActionResult> onFailure = changes ? this::failedWrite : this::failedRead;
        return observed(op, listened -> guard(attempts.run(Step.of(op, limits, op, call, onFailure), listened),
                e -> onFailure.apply(op, e)));
    }

    /**
     * The policies this client applies.
     *
     * @return the policies
     */
    public Policies policies() {
        return policies;
    }

    // ---- argument checks: the caller's bugs throw here, before anything is sent ----

    private void check(GroupRef group) {
        Objects.requireNonNull(group, "group must not be null");
        if (!capabilities.accepts(group)) {
            throw new IllegalArgumentException(provider.name() + " takes group references of type "
                    + capabilities.groupRefTypes().stream().map(Class::getSimpleName).sorted().toList()
                    + ", got " + group.getClass().getSimpleName());
        }
        provider.checkGroup(group);
    }

    private void check(Member member) {
        Objects.requireNonNull(member, "member must not be null");
        if (!capabilities.memberKinds().contains(member.kind())) {
            throw new IllegalArgumentException(provider.name() + " takes members of kind "
                    + capabilities.memberKinds().stream().sorted().toList() + ", got " + member.kind());
        }
        provider.checkMember(member);
    }

    private void check(GroupRef group, Member member) {
        check(group);
        check(member);
    }

    static Object describe(GroupRef group) {
        return new Subject(group, null);
    }

    static Object describe(GroupRef group, Member member) {
        return new Subject(group, member);
    }

    /**
     * What a call is about, for log lines: masked only when a line is written, since masking on
     * every attempt cost more than the rest of the log statement with debug off.
     */
    private record Subject(GroupRef group, Member member) { // member: null for a group alone
        @Override
        public String toString() {
            String g = "group " + Redaction.maskDigitRuns(group.key());
            return member == null ? g : g + " member " + member;
        }
    }

    @Override
    public String toString() {
        return "GroupMembership[" + provider.name() + ", " + policies + "]";
    }
}
