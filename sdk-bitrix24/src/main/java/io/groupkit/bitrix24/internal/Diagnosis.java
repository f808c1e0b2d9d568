package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.spi.Effect;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What the answer to one person's add or removal means. Where the answer alone does not tell, the
 * chat's members do: Bitrix24 answers {@code WRONG_REQUEST} both for a caller without the right and
 * for a person already in (or not in) the chat, and {@code im.chat.user.add} answers {@code true}
 * for a dismissed or unknown user that it does not add.
 */
final class Diagnosis {
    private final BitrixAnswers answers;
    private final ChatLookup lookup;
    private final ActiveUsers activeUsers;

    Diagnosis(BitrixAnswers answers, ChatLookup lookup, ActiveUsers activeUsers) {
        this.answers = answers;
        this.lookup = lookup;
        this.activeUsers = activeUsers;
    }

    /**
     * One person's add outcome. {@code listing} reads the chat's members at most once for every
     * person of one answer who needs it (a batch of 50 costs one listing, not 50).
     */
    CompletionStage<AddResult> addOutcome(GroupRef group, Member member, String method, BitrixAnswers.Read read,
                                          Supplier<CompletionStage<MembersResult>> listing) {
        if (read instanceof BitrixAnswers.Result r) {
            JsonNode result = r.result();
            OptionalLong id = BitrixAnswers.id(result);
            if (group instanceof CrmChat) {
                if (id.isPresent() && id.getAsLong() > 0) {
                    return CompletableFuture.completedStage(new Added(answers.detail("result", "chat " + id.getAsLong())));
                }
                if (id.isPresent() && id.getAsLong() == 0) {
                    return CompletableFuture.completedStage(answers.noOpenLineChat());
                }
            } else if (result.isBoolean() && result.asBoolean()) {
                return confirmAdded(member, listing);
            }
            return CompletableFuture.completedStage(answers.unexpectedResult(result));
        }
        if (read instanceof BitrixAnswers.Error e && e.code().equals("CRM_CHAT_USER_NOT_ACTIVE")) {
            activeUsers.markInactive(Long.parseLong(member.value()));
        }
        if (read instanceof BitrixAnswers.Error e && e.code().equals("WRONG_REQUEST")) {
            return listing.get().thenApply(found -> {
                if (found instanceof Members m && !m.members().isEmpty()) {
                    return listed(m, member) ? (AddResult) new AlreadyMember(e.detail())
                            : new AccessDenied(e.detail().withRemedy(BitrixAnswers.RIGHTS_REMEDY));
                }
                return new AccessDenied(e.detail().withRemedy("Bitrix24 refused and the chat's members cannot be seen"
                        + " from this account: it has no right to change this chat. " + BitrixAnswers.RIGHTS_REMEDY));
            });
        }
        return CompletableFuture.completedStage(answers.outcome(AddResult.class, read, method, Effect.CHANGES));
    }

    /**
     * {@code im.chat.user.add} answers {@code true} for a dismissed (inactive) or unknown user too,
     * and adds nobody: a user not known to be active is looked for in the chat before the add
     * counts as done.
     */
    private CompletionStage<AddResult> confirmAdded(Member member, Supplier<CompletionStage<MembersResult>> listing) {
        long user = Long.parseLong(member.value());
        ProviderDetail accepted = answers.detail("result:true", "");
        if (activeUsers.isKnownActive(user)) {
            return CompletableFuture.completedStage(new Added(accepted));
        }
        return listing.get().thenApply(found -> {
            if (found instanceof Members m && listed(m, member)) {
                return (AddResult) new Added(accepted.withDescription("the chat lists the user"));
            }
            if (found instanceof Members m && !m.members().isEmpty()) {
                activeUsers.markInactive(user);
                return new NotRegistered(answers.detail("result:true", "im.chat.user.add answered true, but the chat"
                        + " does not list the user").withRemedy("Bitrix24 ignores adds of dismissed (inactive) or"
                        + " unknown users without an error: check that the user exists and is active (user.get"
                        + " ACTIVE), reactivate them, or add another user."));
            }
            return new Indeterminate(answers.detail("ADD_UNCONFIRMED", "im.chat.user.add answered true, but the chat's"
                    + " members could not be read to confirm it (" + found.detail().code() + ")").withRemedy(
                    "Bitrix24 answers true even for dismissed users it does not add: list the chat's members to see"
                            + " whether the user is in it before trying again."));
        });
    }

    /** One person's removal outcome; a {@code WRONG_REQUEST} is told apart by listing the chat. */
    CompletionStage<RemoveResult> removeOutcome(PortalPermits permits, GroupRef group, Member member, String method,
                                                BitrixAnswers.Read read) {
        if (read instanceof BitrixAnswers.Result r) {
            JsonNode result = r.result();
            if ((result.isBoolean() && result.asBoolean()) || BitrixAnswers.positiveId(result).isPresent()) {
                return CompletableFuture.completedStage(new Removed(answers.detail("result", String.valueOf(result))));
            }
            return CompletableFuture.completedStage(answers.unexpectedResult(result));
        }
        if (read instanceof BitrixAnswers.Error e && e.code().equals("USER_NOT_FOUND") && group instanceof ImChat) {
            return CompletableFuture.completedStage(new NotMember(e.detail()));
        }
        if (read instanceof BitrixAnswers.Error e && e.code().equals("WRONG_REQUEST")) {
            return lookup.members(permits, group).thenApply(found -> {
                if (found instanceof Members m && !m.members().isEmpty()) {
                    return listed(m, member)
                            ? (RemoveResult) new AccessDenied(e.detail().withRemedy(BitrixAnswers.RIGHTS_REMEDY))
                            : new NotMember(e.detail());
                }
                return new AccessDenied(e.detail().withRemedy(BitrixAnswers.RIGHTS_REMEDY));
            });
        }
        return CompletableFuture.completedStage(answers.outcome(RemoveResult.class, read, method, Effect.CHANGES));
    }

    private static boolean listed(Members m, Member member) {
        return m.members().stream().anyMatch(g -> g.member().value().equals(member.value()));
    }
}
