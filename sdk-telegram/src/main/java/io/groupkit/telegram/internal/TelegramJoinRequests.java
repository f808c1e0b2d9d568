package io.groupkit.telegram.internal;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.Done;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequest;
import io.groupkit.core.JoinRequests;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.NotFound;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.spi.Effect;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.Requests.Peer;
import io.groupkit.telegram.internal.TelegramAnswers.Called;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A group's join requests over MTProto, each a run of calls on the client's I/O thread: the
 * pending ones listed with {@code messages.getChatInviteImporters} ({@code requested}, newest
 * first, paged by the last one's date and user), one decided with
 * {@code messages.hideChatJoinRequest}, all with {@code messages.hideAllChatJoinRequests}. The
 * requesters' access hashes a listing carries are remembered, so a listed person can be decided
 * by id.
 */
final class TelegramJoinRequests {
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,10}):(\\d{1,19}):(-?\\d{1,19})");
    /** The most pages a decision by bare user id reads to find the requester's access hash. */
    static final int PAGES_TO_FIND_A_REQUESTER = 20;

    /** Which call an answer came from: the same error means different things to each. */
    enum Call {
        LIST(Effect.SAFE_TO_REPEAT),
        APPROVE(Effect.CHANGES),
        DECLINE(Effect.CHANGES),
        APPROVE_ALL(Effect.CHANGES),
        DECLINE_ALL(Effect.CHANGES);

        private final Effect effect;

        Call(Effect effect) {
            this.effect = effect;
        }

        boolean all() {
            return this == APPROVE_ALL || this == DECLINE_ALL;
        }

        static Call of(JoinDecision decision, boolean all) {
            if (decision == JoinDecision.APPROVE) {
                return all ? APPROVE_ALL : APPROVE;
            }
            return all ? DECLINE_ALL : DECLINE;
        }
    }

    private final HomeConnection connection;
    private final AccessHashes accessHashes;

    TelegramJoinRequests(HomeConnection connection, AccessHashes accessHashes) {
        this.connection = connection;
        this.accessHashes = accessHashes;
    }

    /**
     * Checks a page's cursor before anything is sent.
     *
     * @param page the page
     * @throws IllegalArgumentException if the cursor is not one this adapter gave out
     */
    static void check(JoinRequestsPage page) {
        page.cursor().ifPresent(TelegramJoinRequests::cursor);
    }

    /** A cursor: the last listed request's date, its requester's id and access hash. */
    private static Matcher cursor(String text) {
        Matcher m = CURSOR.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a cursor from JoinRequests.next() of Telegram (date:user:hash),"
                    + " got '" + text + "'");
        }
        return m;
    }

    JoinRequestsResult list(TelegramGroup group, JoinRequestsPage page) {
        int offsetDate = 0;
        Peer offsetUser = null;
        if (page.cursor().isPresent()) {
            Matcher m = cursor(page.cursor().get());
            offsetDate = (int) Long.parseLong(m.group(1));
            offsetUser = new Peer(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        }
        RpcAnswer answer = connection.call(JoinRequestsTl.getRequests(group, offsetDate, offsetUser, page.limit()));
        if (!(answer instanceof RpcAnswer.Result result)) {
            return TelegramAnswers.as(outcome(answer, Call.LIST), JoinRequestsResult.class);
        }
        JoinRequestsTl.Page read;
        try {
            read = JoinRequestsTl.read(result.body());
        } catch (TlException e) {
            return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
        }
        accessHashes.putAll(read.accessHashes());
        List<JoinRequest> requests = new ArrayList<>(read.importers().size());
        for (JoinRequestsTl.Importer i : read.importers()) {
            // Telegram does not say which link a pending request came through: only listing one link's requests would.
            // The username lets an admin tell who asked; the id decides (a username can change meanwhile).
            requests.add(new JoinRequest(Member.userId(i.userId()), Instant.ofEpochSecond(Integer.toUnsignedLong(i.date())),
                    Optional.empty(), i.about(), Optional.ofNullable(read.usernames().get(i.userId())).map(n -> "@" + n)));
        }
        Optional<String> next = Optional.empty();
        if (!read.importers().isEmpty() && read.importers().size() >= page.limit()) {
            JoinRequestsTl.Importer last = read.importers().get(read.importers().size() - 1);
            OptionalLong hash = accessHashes.get(last.userId());
            // Without the last requester's hash the next page cannot be asked for: the listing ends here.
            if (hash.isPresent()) {
                next = Optional.of(Integer.toUnsignedLong(last.date()) + ":" + last.userId() + ":" + hash.getAsLong());
            }
        }
        return new JoinRequests(TelegramProvider.detail("CHAT_INVITE_IMPORTERS", requests.size() + " of "
                + read.count() + " pending join requests"), requests, next);
    }

    /**
     * Learns a requester's access hash from the pending requests, for a decision by bare user id.
     *
     * @return null once the hash is known; otherwise why not (the person is not pending, or the
     *     listing failed)
     */
    @Nullable DecisionResult findRequester(TelegramGroup group, long userId) {
        JoinRequestsPage page = JoinRequestsPage.first().limit(JoinRequestsPage.MAX_LIMIT);
        for (int i = 0; i < PAGES_TO_FIND_A_REQUESTER; i++) {
            JoinRequestsResult r = list(group, page);
            if (!(r instanceof JoinRequests p)) {
                return TelegramAnswers.as(r, DecisionResult.class);
            }
            if (p.requests().stream().anyMatch(q -> q.member().value().equals(Long.toString(userId)))
                    && accessHashes.get(userId).isPresent()) {
                return null;
            }
            if (p.next().isEmpty()) {
                break;
            }
            page = JoinRequestsPage.after(p.next().get()).limit(JoinRequestsPage.MAX_LIMIT);
        }
        return new NotFound(TelegramProvider.detail("NO_JOIN_REQUEST", "user " + userId
                + " has no pending join request in this group, and no access hash is known for them")
                .withRemedy("List the group's join requests to see who waits; a person may also be given by username"
                        + " or phone."), NotFound.Subject.MEMBER);
    }

    DecisionResult decide(TelegramGroup group, Peer user, JoinDecision decision) {
        Call call = Call.of(decision, false);
        RpcAnswer answer = connection.call(JoinRequestsTl.hideRequest(group, user, decision == JoinDecision.APPROVE));
        if (answer instanceof RpcAnswer.Result) {
            return new Done(decision == JoinDecision.APPROVE
                    ? TelegramProvider.detail("APPROVED", "Telegram approved the join request: the person is in the group")
                    : TelegramProvider.detail("DECLINED", "Telegram declined the join request"));
        }
        return TelegramAnswers.as(outcome(answer, call), DecisionResult.class);
    }

    DecisionResult decideAll(TelegramGroup group, JoinDecision decision) {
        Call call = Call.of(decision, true);
        RpcAnswer answer = connection.call(JoinRequestsTl.hideAll(group, decision == JoinDecision.APPROVE, null));
        if (answer instanceof RpcAnswer.Result) {
            return new Done(decision == JoinDecision.APPROVE
                    ? TelegramProvider.detail("APPROVED_ALL", "Telegram approved every pending join request")
                    : TelegramProvider.detail("DECLINED_ALL", "Telegram declined every pending join request"));
        }
        return TelegramAnswers.as(outcome(answer, call), DecisionResult.class);
    }

    /**
     * The join-request answers that mean something of their own to these calls, then Telegram's
     * answers as every call has them ({@link TelegramAnswers}: flood waits, a missing group or
     * person, the session).
     *
     * @param answer an error or a failure
     * @param call which call answered
     * @return the outcome
     */
    static Outcome outcome(RpcAnswer answer, Call call) {
        if (answer instanceof RpcAnswer.Error e) {
            Outcome own = own(ProviderDetail.of(TelegramAnswers.PROVIDER, e.message()).withStatus(e.code()), e.message(), call);
            if (own != null) {
                return own;
            }
        }
        return TelegramAnswers.outcome(answer, Called.OTHER_METHOD, call.effect);
    }

    private static @Nullable Outcome own(ProviderDetail d, String message, Call call) {
        return switch (message) {
            case "HIDE_REQUESTER_MISSING" -> call.all()
                    // Nothing was pending: the state asked for (no one waiting) holds.
                    ? new Done(d.withDescription("no join request was pending"))
                    : new NotFound(d.withDescription("the person has no pending join request: they never asked, or an"
                            + " admin decided it already").withRemedy("List the group's join requests to see who waits."),
                    NotFound.Subject.MEMBER);
            case "USER_ALREADY_PARTICIPANT" -> call == Call.DECLINE
                    ? new NotFound(d.withDescription("the person is in the group already: there is no request to decline")
                            .withRemedy("Remove them if they should not be in the group."), NotFound.Subject.MEMBER)
                    : null; // approving someone who is in: AlreadyMember, as for an add
            case "USER_CHANNELS_TOO_MUCH" -> new TooManyGroups(d.withDescription(call.all()
                    ? "one of the people is in too many channels and supergroups to join another"
                    : "the person is in too many channels and supergroups to join another")
                    .withRemedy("They must leave some channels or supergroups first; then approve again."));
            case "CHANNELS_TOO_MUCH" -> new TooManyGroups(d.withDescription(
                    "Telegram answered that too many channels and supergroups are joined (by the person, or by this"
                            + " account)").withRemedy("Check whether this account is in too many channels and supergroups;"
                    + " otherwise the person must leave some first."));
            case "INVITE_HASH_EXPIRED" -> call == Call.LIST
                    ? new NotFound(d.withDescription("the invite link has expired"), NotFound.Subject.GROUP)
                    : new NotFound(d.withDescription("the invite link the requests came through has expired: its requests"
                            + " are gone").withRemedy("List the group's join requests to see who still waits."),
                    NotFound.Subject.MEMBER);
            case "CHAT_ADMIN_REQUIRED" -> new AccessDenied(d.withDescription(
                    "the account is not an admin of the group allowed to manage its join requests")
                    .withRemedy("Make the account an admin of the group with the right to invite users."));
            case "SEARCH_WITH_LINK_NOT_SUPPORTED" -> new io.groupkit.core.Unsupported(d.withDescription(
                    "Telegram does not search the requests of one link (GroupKit sends no search: a request of another"
                    + " form)").withRemedy("Nothing about the group or the account needs to change: update GroupKit, or"
                    + " report this error with its version."));
            default -> null;
        };
    }
}
