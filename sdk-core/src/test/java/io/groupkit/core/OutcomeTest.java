package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutcomeTest {
    private static final ProviderDetail D = ProviderDetail.of("p", "CODE");

    /** One instance of every outcome record. */
    static List<Outcome> everyOutcome() {
        InviteLink link = new InviteLink(D, "https://chat.example/join/abc");
        return List.of(new Added(D), new AlreadyMember(D), new Removed(D), new NotMember(D), link,
                new Members(D, List.of()), new Groups(D, List.of(), java.util.Optional.empty()),
                new JoinRequests(D, List.of(), java.util.Optional.empty()),
                new io.groupkit.core.events.EventPage(D, List.of(), "cursor", false), new PrivacyRestricted(D), new NotInContacts(D), new NotRegistered(D),
                new AccessDeniedExtend(D), new AccessDenied(D), new GroupFull(D), new MemberBanned(D), new Blocked(D),
                new TooManyGroups(D), new SpamLimited(D), new RateLimited(D, Duration.ofSeconds(31)),
                new NotFound(D, NotFound.Subject.GROUP), new Unauthorized(D), new QuotaExceeded(D), new Unavailable(D),
                new Indeterminate(D), new NotAdded(D, List.of(NotAdded.Reason.PRIVACY)), new Unsupported(D),
                new Unrecognized(D), new Done(D), new GroupCreated(D, GroupRef.of("new@g.us"), Optional.empty()),
                new AccountStatus(D, AccountState.AUTHORIZED));
    }

    @Test
    void everyKindHasExactlyOneRecord() {
        Set<OutcomeKind> kinds = EnumSet.noneOf(OutcomeKind.class);
        for (Outcome o : everyOutcome()) {
            assertTrue(kinds.add(o.kind()), "two records of kind " + o.kind());
        }
        assertEquals(EnumSet.allOf(OutcomeKind.class), kinds);
    }

    /** The failures every operation shares are one type, a result of every operation; nothing else is. */
    @Test
    void theSharedFailuresAreOneTypeThatEveryOperationCanAnswer() {
        Set<OutcomeKind> shared = EnumSet.of(OutcomeKind.ACCESS_DENIED, OutcomeKind.NOT_FOUND, OutcomeKind.RATE_LIMITED,
                OutcomeKind.UNAUTHORIZED, OutcomeKind.QUOTA_EXCEEDED, OutcomeKind.UNAVAILABLE, OutcomeKind.UNRECOGNIZED,
                OutcomeKind.UNSUPPORTED, OutcomeKind.SPAM_LIMITED);
        for (Outcome o : everyOutcome()) {
            assertEquals(shared.contains(o.kind()), o instanceof Failure, o.kind() + " as a Failure");
            if (o instanceof Failure f) {
                assertTrue(f instanceof AddResult && f instanceof RemoveResult && f instanceof InviteLinkResult
                        && f instanceof MembersResult && f instanceof GroupsResult && f instanceof ActionResult
                        && f instanceof JoinRequestsResult && f instanceof DecisionResult, o.kind()::name);
            }
        }
    }

    @Test
    void everyOutcomeExplainsItself() {
        for (Outcome o : everyOutcome()) {
            assertFalse(o.remedy().isBlank(), o.kind().name());
            assertTrue(o.remedy().endsWith("."), o.kind().name());
        }
    }

    @Test
    void successRetryAndHaltAreAsDocumented() {
        Set<OutcomeKind> success = EnumSet.noneOf(OutcomeKind.class);
        Set<OutcomeKind> retryable = EnumSet.noneOf(OutcomeKind.class);
        for (Outcome o : everyOutcome()) {
            if (o.isSuccess()) {
                success.add(o.kind());
            }
            if (o.retryable()) {
                retryable.add(o.kind());
            }
        }
        assertEquals(EnumSet.of(OutcomeKind.ADDED, OutcomeKind.ALREADY_MEMBER, OutcomeKind.REMOVED,
                OutcomeKind.NOT_MEMBER, OutcomeKind.INVITE_LINK, OutcomeKind.MEMBERS, OutcomeKind.GROUPS, OutcomeKind.EVENTS, OutcomeKind.DONE,
                OutcomeKind.JOIN_REQUESTS, OutcomeKind.GROUP_CREATED, OutcomeKind.ACCOUNT_STATUS), success);
        assertEquals(EnumSet.of(OutcomeKind.RATE_LIMITED, OutcomeKind.UNAVAILABLE), retryable);
        assertTrue(new SpamLimited(D).haltsBulk());
        assertTrue(new NotFound(D, NotFound.Subject.GROUP).haltsBulk());
        assertFalse(new NotFound(D, NotFound.Subject.MEMBER).haltsBulk());
        // One source for the flag: the outcome. A kind alone cannot say it (NotFound), so it has no public haltsBulk.
        assertThrows(NoSuchMethodException.class, () -> OutcomeKind.class.getMethod("haltsBulk"));
        assertFalse(new PrivacyRestricted(D).haltsBulk());
    }

    @Test
    void accessDeniedExtendNamesTheFixesFromTheSeed() {
        String remedy = new AccessDeniedExtend(D).remedy();
        assertTrue(remedy.contains("owner"), remedy);
        assertTrue(remedy.contains("im.chat.setOwner"), remedy);
        assertTrue(remedy.contains("from inside the chat"), remedy);
        assertTrue(remedy.contains("reconnect"), remedy);
    }

    @Test
    void aConnectorsRemedyWinsOverTheKinds() {
        AccessDenied o = new AccessDenied(D.withRemedy("Make the instance an admin of the group."));
        assertEquals("Make the instance an admin of the group.", o.remedy());
    }

    @Test
    void linkFallbackKeepsEverythingElse() {
        InviteLink link = new InviteLink(D, "https://chat.example/join/abc");
        PrivacyRestricted p = new PrivacyRestricted(D, Set.of(PrivacyRestricted.Premium.WOULD_ALLOW_INVITE), Optional.empty(),
                InviteDelivery.NOT_SENT).withInvite(link, InviteDelivery.SENT);
        assertTrue(p.premiumWouldAllowInvite());
        assertFalse(p.premiumRequiredForPm());
        assertEquals(Set.of(PrivacyRestricted.Premium.WOULD_ALLOW_INVITE), p.premium());
        assertEquals(Optional.of(link), p.inviteLink());
        assertEquals(InviteDelivery.SENT, p.delivery());
        assertTrue(p.inviteSent());
        NotAdded n = new NotAdded(D, List.of(NotAdded.Reason.PRIVACY, NotAdded.Reason.GROUP_SETTINGS))
                .withInvite(link, InviteDelivery.NOT_SENT);
        assertEquals(List.of(NotAdded.Reason.PRIVACY, NotAdded.Reason.GROUP_SETTINGS), n.possibleReasons());
        assertEquals(Optional.of(link), n.inviteLink());
        assertFalse(n.inviteSent());
    }

    @Test
    void noOutcomeTakesAFlagAsABareBoolean() {
        // Every choice in an outcome's constructor is named: an enum or a set of enums, never a
        // boolean whose meaning depends on its position.
        for (Class<?> type : List.of(Added.class, Removed.class, PrivacyRestricted.class, NotInContacts.class, NotAdded.class)) {
            for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
                assertFalse(c.getType() == boolean.class, type.getSimpleName() + "." + c.getName() + " is a boolean");
            }
        }
        assertEquals(Confirmation.PROVIDER_ANSWER, new Added(D).confirmedBy());
        assertFalse(new Added(D).verifiedByMembershipCheck());
        assertTrue(new Removed(D, Confirmation.MEMBERSHIP_CHECK).verifiedByMembershipCheck());
        assertThrows(NullPointerException.class, () -> new Added(D, null));
        java.util.Set<PrivacyRestricted.Premium> hints = new java.util.HashSet<>(Set.of(PrivacyRestricted.Premium.REQUIRED_FOR_MESSAGES));
        PrivacyRestricted copied = new PrivacyRestricted(D, hints, Optional.empty(), InviteDelivery.NOT_SENT);
        hints.clear();
        assertTrue(copied.premiumRequiredForPm(), "the outcome keeps its own copy of the hints");
    }

    @Test
    void java17CallersCanBranchOnKind() {
        AddResult r = new PrivacyRestricted(D);
        String branch = switch (r.kind()) {
            case ADDED, ALREADY_MEMBER -> "ok";
            case PRIVACY_RESTRICTED, NOT_IN_CONTACTS, NOT_ADDED -> "send link";
            default -> "report";
        };
        assertEquals("send link", branch);
    }

    @Test
    void negativeRetryAfterIsACallersBug() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RateLimited(D, Duration.ofSeconds(-1)));
    }
}
