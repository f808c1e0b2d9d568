package io.groupkit.core.internal;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Done;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Invite links: fetching, caching for the fallback, and attaching them to refusals. */
final class InviteLinks {
    private static final Logger LOG = LoggerFactory.getLogger(InviteLinks.class);
    private final MembershipProvider provider;
    private final Policies policies;
    private final Attempts attempts;
    private final Listening listening;
    private final Synthetic synthetic;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** The personal link last made for a person in a group, by group and person: reuse without a store. */
    private final ConcurrentMap<String, String> personalLinks = new ConcurrentHashMap<>();
    /** The personal links being made now, by group and person. */
    private final ConcurrentMap<String, CompletableFuture<InviteLinkResult>> asking = new ConcurrentHashMap<>();

    private record Cached(InviteLink link, long expiresAtNanos) {
    }

    InviteLinks(MembershipProvider provider, Policies policies, Attempts attempts, Listening listening,
                Synthetic synthetic) {
        this.listening = listening;
        this.synthetic = synthetic;
        this.provider = provider;
        this.policies = policies;
        this.attempts = attempts;
    }

    /** A fresh link from the provider; a link obtained also refreshes the cache. */
    CompletionStage<InviteLinkResult> fetch(Invocation inv, GroupRef group) {
        if (!provider.capabilities().supports(Operation.INVITE_LINK)) {
            return CompletableFuture.completedFuture(synthetic.unsupported(Operation.INVITE_LINK));
        }
        return attempts.run(Attempts.Step.of(Operation.INVITE_LINK.name(), attempts.limits(Operation.INVITE_LINK),
                MembershipClient.describe(group), ctx -> provider.inviteLink(ctx, group), synthetic::failedRead), inv)
                .thenApply(r -> {
                    if (r instanceof InviteLink link) {
                        remember(group, link);
                    }
                    return r;
                });
    }

    /** Attaches the group's link to a refusal that a link can remedy, if the policy says so. */
    CompletionStage<AddResult> fallback(Invocation inv, GroupRef group, Member member, AddResult r) {
        return fallback(inv, group, member, r, policies.inviteFallback());
    }

    /**
     * The same, but the link is attached and never sent (the person's invite may have gone out
     * already, in a run that ended before its outcome was recorded).
     */
    CompletionStage<AddResult> fallbackWithoutSending(Invocation inv, GroupRef group, Member member, AddResult r) {
        InviteFallback policy = policies.inviteFallback();
        return fallback(inv, group, member, r, policy == InviteFallback.ATTACH_AND_SEND ? InviteFallback.ATTACH_LINK : policy);
    }

    private CompletionStage<AddResult> fallback(Invocation inv, GroupRef group, Member member, AddResult r,
                                                InviteFallback policy) {
        if (!(r instanceof LinkFallback refusal) || policy == InviteFallback.OFF
                || !provider.capabilities().supports(Operation.INVITE_LINK)) {
            return CompletableFuture.completedFuture(r);
        }
        if (provider.personalInviteLinks(group) && !provider.capabilities().supports(Operation.ADD)) {
            // A provider that cannot add (a Telegram bot) answers every add with a refusal: the
            // person's link is the whole answer, so when it cannot be made (the group is gone or
            // was upgraded, the account lacks the right) that failure is the outcome, not a
            // refusal without a link that would hide it and keep a bulk run going.
            return personal(inv, group, member).handle((l, e) -> Optional.ofNullable(l)).thenCompose(l -> {
                if (l.isPresent() && !(l.get() instanceof InviteLink) && l.get() instanceof AddResult failed) {
                    return CompletableFuture.completedFuture(failed);
                }
                return attach(inv, group, member, r, refusal, policy,
                        l.filter(InviteLink.class::isInstance).map(InviteLink.class::cast));
            });
        }
        CompletionStage<Optional<InviteLink>> linkFor = provider.personalInviteLinks(group)
                ? personal(inv, group, member).handle((l, e) -> l instanceof InviteLink link ? Optional.of(link) : Optional.empty())
                : cached(inv, group);
        return linkFor.thenCompose(link -> attach(inv, group, member, r, refusal, policy, link));
    }

    private CompletionStage<AddResult> attach(Invocation inv, GroupRef group, Member member, AddResult r,
                                              LinkFallback refusal, InviteFallback policy, Optional<InviteLink> link) {
        if (link.isEmpty()) {
            return CompletableFuture.completedFuture(r);
        }
        if (policy != InviteFallback.ATTACH_AND_SEND || !provider.capabilities().supports(Operation.SEND_INVITE)) {
            return CompletableFuture.completedFuture(told(inv, group, member, refusal.withInvite(link.get(), InviteDelivery.NOT_SENT)));
        }
        // One attempt only: a link that may have been sent is not worth a second message.
        return attempts.run(Attempts.Step.of(Operation.SEND_INVITE.name(), attempts.limits(Operation.SEND_INVITE),
                        MembershipClient.describe(group, member), ctx -> provider.sendInvite(ctx, group, member, link.get()),
                        this::notSent).once(), inv.quiet())
                .thenApply(sent -> {
                    boolean delivered = sent instanceof Done;
                    if (!delivered) {
                        LOG.debug("{}: the invite link was not sent: {} {}", provider.name(), sent.kind(), sent.detail().code());
                    }
                    return told(inv, group, member, refusal.withInvite(link.get(), delivered ? InviteDelivery.SENT : InviteDelivery.NOT_SENT));
                });
    }

    /**
     * A link for one person, asked for by the caller: the person's own where the provider makes
     * personal links, otherwise the group's (fresh, as {@code inviteLink(group)} gives it);
     * recorded as the person's invitation when a store is set.
     */
    CompletionStage<InviteLinkResult> forPerson(Invocation inv, GroupRef group, Member member) {
        if (!provider.capabilities().supports(Operation.INVITE_LINK)) {
            return CompletableFuture.completedFuture(synthetic.unsupported(Operation.INVITE_LINK));
        }
        CompletionStage<InviteLinkResult> link = provider.personalInviteLinks(group) ? personal(inv, group, member)
                : fetch(inv, group);
        return link.thenApply(r -> {
            if (r instanceof InviteLink l) {
                record(group, member, l, InviteDelivery.NOT_SENT);
            }
            return r;
        });
    }

    /**
     * Asks the provider for the person's own link, giving it the link made for them last time (the
     * newest invitation of theirs to the group in the store, else the one this client made): it
     * reuses that link while it works, and revokes it when spent. Never cached for the group.
     */
    private CompletionStage<InviteLinkResult> personal(Invocation inv, GroupRef group, Member member) {
        String key = personKey(group, member);
        CompletableFuture<InviteLinkResult> mine = new CompletableFuture<>();
        CompletableFuture<InviteLinkResult> under = asking.putIfAbsent(key, mine);
        if (under != null) {
            // The same person's link is being made already (two refusals at once): one link, not two.
            return under;
        }
        Optional<String> earlier = earlier(group, member);
        attempts.run(Attempts.Step.of(Operation.INVITE_LINK.name(), attempts.limits(Operation.INVITE_LINK),
                MembershipClient.describe(group, member), ctx -> provider.inviteLink(ctx, group, member, earlier),
                synthetic::failedRead), inv)
                .whenComplete((r, e) -> {
                    if (r instanceof InviteLink link) {
                        personalLinks.put(key, link.url());
                    }
                    asking.remove(key, mine);
                    if (e != null) {
                        mine.completeExceptionally(e);
                    } else {
                        mine.complete(r);
                    }
                });
        return mine;
    }

    private Optional<String> earlier(GroupRef group, Member member) {
        if (policies.invitations().isPresent()) {
            try {
                java.util.Set<String> ids = provider.identities(member);
                Invitation newest = null;
                for (Invitation i : policies.invitations().get().invitations(provider.accountKey(), Optional.of(group.key()))) {
                    if (!java.util.Collections.disjoint(ids, provider.identities(i.member()))
                            && (newest == null || !i.invitedAt().isBefore(newest.invitedAt()))) {
                        newest = i;
                    }
                }
                if (newest != null) {
                    return Optional.of(newest.link());
                }
            } catch (RuntimeException e) {
                // A store that cannot answer costs a reuse, not the link.
                LOG.warn("{}: the person's earlier invitations could not be read: {}", provider.name(), e.toString());
            }
        }
        return Optional.ofNullable(personalLinks.get(personKey(group, member)));
    }

    private String personKey(GroupRef group, Member member) {
        return group.key() + "\n" + provider.identities(member).stream().sorted().findFirst().orElse(member.value());
    }

    private ActionResult notSent(String op, Throwable failure) {
        return new Indeterminate(synthetic.detail("SEND_INVITE_FAILED",
                "sending the link failed in the provider: " + failure.getClass().getSimpleName()));
    }

    private AddResult told(Invocation inv, GroupRef group, Member member, AddResult withLink) {
        if (withLink instanceof LinkFallback refusal) {
            refusal.inviteLink().ifPresent(link -> record(group, member, link, refusal.delivery()));
            if (inv.call() != null) {
                listening.fallback(inv.call(), refusal);
            }
        }
        return withLink;
    }

    /** Records the link as an invitation, so that the person's join can be told to come from it. */
    private void record(GroupRef group, Member member, InviteLink link, InviteDelivery delivery) {
        if (policies.invitations().isEmpty()) {
            return;
        }
        MembershipStore store = policies.invitations().get();
        try {
            // A rerun of a journaled job attaches the same link again: one invitation is enough.
            boolean known = store.invitations(provider.accountKey(), Optional.of(group.key())).stream()
                    .anyMatch(i -> i.joinedAt().isEmpty() && i.link().equals(link.url())
                            && i.member().kind() == member.kind() && i.member().value().equals(member.value()));
            if (known) {
                return;
            }
            store.record(new Invitation(UUID.randomUUID().toString(), provider.accountKey(),
                    group.key(), member, link.url(), attempts.time().now(), delivery, link.expiresAt(),
                    Optional.empty(), Optional.empty()));
        } catch (RuntimeException e) {
            LOG.warn("{}: the invitation could not be recorded (the outcome stands): {}", provider.name(), e.toString());
        }
    }

    private CompletionStage<Optional<InviteLink>> cached(Invocation inv, GroupRef group) {
        Cached hit = cache.get(group.key());
        if (hit != null && attempts.time().nanoTime() - hit.expiresAtNanos < 0) {
            return CompletableFuture.completedFuture(Optional.of(hit.link()));
        }
        return fetch(inv, group).handle((r, e) -> r instanceof InviteLink link ? Optional.of(link) : Optional.empty());
    }

    private void remember(GroupRef group, InviteLink link) {
        Duration ttl = policies.inviteLinkTtl();
        if (link.expiresAt().isPresent()) {
            Duration left = Duration.between(attempts.time().now(), link.expiresAt().get());
            ttl = left.compareTo(ttl) < 0 ? left : ttl;
        }
        if (ttl.isNegative() || ttl.isZero()) {
            cache.remove(group.key());
            return;
        }
        cache.put(group.key(), new Cached(link, attempts.time().nanoTime() + ttl.toNanos()));
    }
}
