package io.groupkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.AccessDeniedExtend;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Blocked;
import io.groupkit.core.Confirmation;
import io.groupkit.core.GroupFull;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.InviteLink;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.journal.Finality;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Journaled outcomes read back equal, every kind an add can have; anything else is refused cleanly. */
class OutcomeCodecTest {
    private static final ProviderDetail D = new ProviderDetail("greenapi", "403 | odd%code", OptionalInt.of(403),
            "line one\nline two | with bars, commas and ünïcode", Optional.of("Ask the admin."));
    private static final ProviderDetail BARE = ProviderDetail.of("fake", "X");
    private static final InviteLink LINK = new InviteLink(ProviderDetail.of("greenapi", "LINK"),
            "https://chat.whatsapp.com/AbC|d%20", Optional.of(Instant.ofEpochMilli(1_800_000_000_000L)), OptionalInt.of(5));

    static List<AddResult> samples() {
        return List.of(
                new Added(D, Confirmation.PROVIDER_ANSWER), new Added(BARE, Confirmation.MEMBERSHIP_CHECK),
                new AlreadyMember(D),
                new PrivacyRestricted(D, EnumSet.allOf(PrivacyRestricted.Premium.class), Optional.of(LINK), InviteDelivery.SENT),
                new PrivacyRestricted(BARE, Set.of(), Optional.empty(), InviteDelivery.NOT_SENT),
                new NotInContacts(D, Optional.of(new InviteLink(BARE, "https://t.me/+x")), InviteDelivery.NOT_SENT),
                new NotAdded(D, List.of(NotAdded.Reason.PRIVACY, NotAdded.Reason.GROUP_SETTINGS), Optional.of(LINK),
                        InviteDelivery.SENT),
                new NotAdded(BARE, List.of(), Optional.empty(), InviteDelivery.NOT_SENT),
                new NotRegistered(D), new AccessDeniedExtend(D), new GroupFull(D), new MemberBanned(D), new Blocked(D),
                new TooManyGroups(D), new Indeterminate(D), new AccessDenied(D), new NotFound(D, NotFound.Subject.GROUP),
                new RateLimited(D, Optional.of(Duration.ofMillis(1500)), Optional.of("adds per day")),
                new RateLimited(BARE, Optional.empty(), Optional.empty()), new Unauthorized(D), new QuotaExceeded(D),
                new Unavailable(D), new Unrecognized(D), new Unsupported(D), new SpamLimited(D),
                new Unavailable(new ProviderDetail("p", "C", OptionalInt.empty(), "", Optional.of(""))));
    }

    @Test
    void everyKindAnAddCanHaveReadsBackEqual() {
        for (AddResult r : samples()) {
            String line = OutcomeCodec.encode(r);
            assertFalse(line.contains("\n") || line.contains(" "), line);
            assertEquals(r, OutcomeCodec.decode(line), line);
        }
        Set<OutcomeKind> covered = samples().stream().map(AddResult::kind).collect(Collectors.toSet());
        for (OutcomeKind k : List.of(OutcomeKind.values())) {
            boolean anAddsKind = !Set.of(OutcomeKind.REMOVED, OutcomeKind.NOT_MEMBER, OutcomeKind.INVITE_LINK,
                    OutcomeKind.MEMBERS, OutcomeKind.GROUPS, OutcomeKind.EVENTS, OutcomeKind.DONE, OutcomeKind.GROUP_CREATED,
                    OutcomeKind.JOIN_REQUESTS,
                    OutcomeKind.ACCOUNT_STATUS).contains(k);
            assertEquals(anAddsKind, covered.contains(k), () -> k + " is an add's outcome: it needs a sample");
        }
    }

    @Test
    void onlyThePersonsOwnOutcomesAreFinal() {
        Set<OutcomeKind> finals = samples().stream().filter(r -> OutcomeCodec.finality(r) == Finality.FINAL).map(AddResult::kind)
                .collect(Collectors.toSet());
        assertEquals(EnumSet.of(OutcomeKind.ADDED, OutcomeKind.ALREADY_MEMBER, OutcomeKind.PRIVACY_RESTRICTED,
                OutcomeKind.NOT_IN_CONTACTS, OutcomeKind.NOT_ADDED, OutcomeKind.NOT_REGISTERED, OutcomeKind.MEMBER_BANNED,
                OutcomeKind.BLOCKED, OutcomeKind.TOO_MANY_GROUPS), finals);
    }

    /** A journal line that is not one GroupKit wrote is refused with IllegalArgumentException, never anything else. */
    @FuzzTest(maxDuration = "20s")
    void anyLineDecodesOrIsRefused(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        try {
            AddResult r = OutcomeCodec.decode(line);
            assertEquals(r, OutcomeCodec.decode(OutcomeCodec.encode(r)));
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage() == null || !refused.getMessage().isEmpty());
        }
    }
}
