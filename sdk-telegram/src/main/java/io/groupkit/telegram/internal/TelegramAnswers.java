package io.groupkit.telegram.internal;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Blocked;
import io.groupkit.core.GroupFull;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Outcome;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RateLimited;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.spi.Effect;
import io.groupkit.telegram.TelegramGroup;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's answers as outcomes. Keyed on the error message, never on the number (numbers have
 * moved between 400 and 403); a number inside the message ({@code FLOOD_WAIT_31},
 * {@code USER_MIGRATE_4}) is parsed out. Messages this version does not know become
 * {@link Unrecognized}, except code 500, which Telegram documents as "try again later".
 */
public final class TelegramAnswers {
    /** The provider's name in every outcome. */
    public static final String PROVIDER = "telegram";

    private static final Pattern WAIT = Pattern.compile("(?:FLOOD_WAIT|FLOOD_PREMIUM_WAIT|SLOWMODE_WAIT|TAKEOUT_INIT_DELAY)_(\\d{1,9})");
    private static final Pattern MIGRATE = Pattern.compile("(PHONE|NETWORK|USER|FILE|STATS)_MIGRATE_(\\d{1,4})");

    /** Which kind of method was called: basic groups answer some errors in their own way. */
    public enum Called {
        /** A basic-group method ({@code messages.addChatUser}, {@code messages.deleteChatUser}...). */
        BASIC_GROUP_METHOD,
        /** Any other method. */
        OTHER_METHOD;

        /**
         * The kind of method a call about this group uses.
         *
         * @param group the group
         * @return {@link #BASIC_GROUP_METHOD} for a basic group
         */
        public static Called about(TelegramGroup group) {
            return group instanceof TelegramGroup.BasicGroup ? BASIC_GROUP_METHOD : OTHER_METHOD;
        }
    }

    private TelegramAnswers() {
    }

    /**
     * The outcome of a call that did not return a result, narrowed to the operation's result type.
     *
     * @param answer an error or a failure, never a result
     * @param called the kind of method called
     * @param effect whether the call changes something (a lost change is {@link Indeterminate})
     * @param type the result type
     * @param <R> the result type
     * @return the outcome
     */
    public static <R> R read(RpcAnswer answer, Called called, Effect effect, Class<R> type) {
        return as(outcome(answer, called, effect), type);
    }

    /**
     * The outcome of a call that did not return a result.
     *
     * @param answer an error or a failure, never a result
     * @param called the kind of method called
     * @param effect whether the call changes something
     * @return the outcome
     */
    public static Outcome outcome(RpcAnswer answer, Called called, Effect effect) {
        if (answer instanceof RpcAnswer.Error e) {
            return outcome(e.code(), e.message(), called);
        }
        return outcome((RpcAnswer.Failure) answer, effect);
    }

    /**
     * The outcome of an {@code rpc_error}.
     *
     * @param code the error code
     * @param message the error message
     * @param called the kind of method called (a basic group's answers {@code CHAT_ID_INVALID} differently)
     * @return the outcome; the caller narrows it to its result type
     */
    public static Outcome outcome(int code, String message, Called called) {
        ProviderDetail d = ProviderDetail.of(PROVIDER, message).withStatus(code);
        Matcher wait = WAIT.matcher(message);
        if (wait.matches()) {
            long seconds = Long.parseLong(wait.group(1));
            return new RateLimited(d.withDescription("Telegram asks this account to wait " + seconds + " s before calling again"),
                    Optional.of(Duration.ofSeconds(seconds)), Optional.empty());
        }
        Matcher migrate = MIGRATE.matcher(message);
        if (migrate.matches()) {
            return new Unsupported(d.withDescription("the account or the request belongs to data centre " + migrate.group(2))
                    .withRemedy("Export the session from a client logged in on data centre " + migrate.group(2)
                            + "; this version does not follow data-centre migrations."));
        }
        return switch (message) {
            case "USER_PRIVACY_RESTRICTED" -> new PrivacyRestricted(d.withDescription(
                    "the person's privacy settings do not allow adding them to groups"));
            case "USER_NOT_MUTUAL_CONTACT" -> new NotInContacts(d.withDescription(
                    "the person allows only mutual contacts to add them"));
            case "CHAT_MEMBER_ADD_FAILED" -> new NotAdded(d.withDescription("Telegram could not add the person"),
                    List.of(NotAdded.Reason.PRIVACY, NotAdded.Reason.LEFT_OR_REMOVED_BEFORE,
                            NotAdded.Reason.RESTRICTED_BY_PROVIDER));
            case "USER_ALREADY_PARTICIPANT" -> new AlreadyMember(d.withDescription("the person is already in the group"));
            case "USER_NOT_PARTICIPANT" -> new NotMember(d.withDescription("the person is not in the group"));
            case "USERS_TOO_MUCH" -> new GroupFull(d.withDescription("the group has no room for more members"));
            case "BOTS_TOO_MUCH" -> new GroupFull(d.withDescription("the group has no room for more bots")
                    .withRemedy("Remove a bot from the group first; people can still be added."));
            case "USER_KICKED" -> new MemberBanned(d.withDescription("the person was removed from the supergroup and is banned")
                    .withRemedy("Lift the ban first (remove() does ban and unban), or send them the invite link."));
            case "USER_IS_BLOCKED", "YOU_BLOCKED_USER", "USER_BLOCKED" -> new Blocked(d.withDescription(
                    "the account and the person have blocked each other or one of them blocked the other"));
            case "USER_CHANNELS_TOO_MUCH" -> new TooManyGroups(d.withDescription(
                    "the person is in too many channels and supergroups"));
            case "PEER_FLOOD" -> new SpamLimited(d.withDescription(
                    "Telegram limits this account for adding people who do not know it (not a timer)")
                    .withRemedy("Stop adding people from this account; send invite links instead."));
            // About the person: refusals that hold for this person only, so a bulk run goes on with the others.
            case "BOT_GROUPS_BLOCKED" -> new Unsupported(d.withDescription(
                    "the person is a bot whose owner does not allow adding it to groups")
                    .withRemedy("Leave this bot out, or ask its owner to allow groups (@BotFather, /setjoingroups)."));
            case "USER_BOT" -> new Unsupported(d.withDescription(
                    "the person is a bot, and bots can join a broadcast channel only as its admins")
                    .withRemedy("Leave this bot out, or make it an admin of the channel from a Telegram app."));
            case "USER_ADMIN_INVALID" -> new Unsupported(d.withDescription(
                    "the person is an admin of the group whom this account did not promote, so only the group's"
                            + " creator or the admin who promoted them may remove them")
                    .withRemedy("Remove the person from the group's creator account, or have them demoted first."));
            // About the account: every further call would fail the same way, so a bulk run stops.
            case "CHAT_ADMIN_REQUIRED", "RIGHT_FORBIDDEN" -> new AccessDenied(d.withDescription(
                    "the account lacks the admin rights this needs in the group")
                    .withRemedy("Make the account an admin of the group allowed to add and ban members."));
            case "CHAT_WRITE_FORBIDDEN" -> new AccessDenied(d.withDescription(
                    "the account may not write in this group: it is restricted there or no longer a member")
                    .withRemedy("Check that the account is still in the group and that no admin restricted it;"
                            + " an admin can lift the restriction."));
            case "USER_BANNED_IN_CHANNEL" -> new AccessDenied(d.withDescription(
                    "the account itself is restricted by Telegram from sending to supergroups and channels")
                    .withRemedy("Ask @SpamBot from the account when the restriction ends; add no one from it until then."));
            case "CHANNEL_PRIVATE" -> new AccessDenied(d.withDescription(
                    "the account is not in this channel or supergroup, or was banned from it")
                    .withRemedy("Check that the account is still a member of the group (it may have left or been"
                            + " removed); the access hash must come from this account."));
            case "CHANNELS_TOO_MUCH" -> new AccessDenied(d.withDescription(
                    "the account is in too many channels and supergroups").withRemedy("Leave some with the account."));
            case "USER_CREATOR" -> new Unsupported(d.withDescription(
                    "the account created this group, and its creator cannot leave it")
                    .withRemedy("Hand the group's ownership to another admin from a Telegram app first, or keep the"
                            + " account in it."));
            // About this one request: what GroupKit sent, not the person, the group or the account.
            case "EXPIRE_DATE_INVALID" -> new Unsupported(d.withDescription(
                    "Telegram refused the invite link's expiry date (now + inviteLinkExpiry, or personalLinkExpiry"
                            + " for a person's link)")
                    .withRemedy("Set Telegram.builder().inviteLinkExpiry(...) or personalLinkExpiry(...) to a shorter"
                            + " time, and check this machine's clock."));
            case "USAGE_LIMIT_INVALID" -> new Unsupported(d.withDescription(
                    "Telegram refused the invite link's usage limit (inviteLinkUsageLimit, or personalLinkUsageLimit"
                            + " for a person's link)")
                    .withRemedy("Set Telegram.builder().inviteLinkUsageLimit(...) or personalLinkUsageLimit(...) between"
                            + " 1 and 99,999."));
            // Invite links (messages.exportChatInvite, editExportedChatInvite, getExportedChatInvite).
            case "INVITE_HASH_EXPIRED", "INVITE_HASH_INVALID", "INVITE_HASH_EMPTY" -> new NotFound(d.withDescription(
                    "the invite link does not work: it expired, was used up or revoked, or never existed")
                    .withRemedy("Ask for a new link (inviteLink(group, member) makes a new one for a person)."),
                    NotFound.Subject.GROUP);
            case "INVITE_REVOKED_MISSING" -> new NotFound(d.withDescription(
                    "no revoked invite link of this account is this one"), NotFound.Subject.GROUP);
            case "CHAT_INVITE_PERMANENT" -> new Unsupported(d.withDescription(
                    "this is the group's primary link, which takes no expiry, usage limit or title")
                    .withRemedy("Revoke the primary link to replace it, or make a separate link with its own limits."));
            case "EDIT_BOT_INVITE_FORBIDDEN" -> new AccessDenied(d.withDescription(
                    "a bot made this invite link, and only the group's owner may edit it")
                    .withRemedy("Edit or revoke it from the group owner's account, or through the bot."));
            case "CHANNEL_MONOFORUM_UNSUPPORTED" -> new Unsupported(d.withDescription(
                    "the chat is a channel's direct-messages chat, which has no invite links")
                    .withRemedy("Ask for the link of the channel or of a group."));
            case "PRICING_CHAT_INVALID", "SUBSCRIPTION_PERIOD_INVALID" -> new Unsupported(d.withDescription(
                    "Telegram refused a paid-subscription field of the link request (GroupKit sends none)")
                    .withRemedy("Nothing about the group needs to change: update GroupKit, or report this error with"
                            + " its version."));
            case "OFFSET_PEER_ID_INVALID" -> new NotFound(d.withDescription(
                    "the dialog this page's cursor starts after is unknown to the account (a stale cursor, or one"
                            + " from another account)")
                    .withRemedy("List the groups again from the first page, without a cursor."), NotFound.Subject.GROUP);
            case "INPUT_CONSTRUCTOR_INVALID", "BANNED_RIGHTS_INVALID", "MSG_ID_INVALID" -> new Unsupported(
                    d.withDescription("Telegram does not take the form of the request GroupKit sent (a type or field"
                            + " its layer refuses)")
                    .withRemedy("Nothing about the person, the group or the account needs to change: update GroupKit,"
                            + " or report this error with the operation and GroupKit's version."));
            case "CHANNEL_PUBLIC_GROUP_NA" -> new NotFound(d.withDescription(
                    "the supergroup is not available to the account (Telegram withholds it)"), NotFound.Subject.GROUP);
            case "CHAT_ID_INVALID" -> new NotFound(called == Called.BASIC_GROUP_METHOD
                    ? d.withDescription("no basic group with this id; a supergroup answers a basic-group call this way")
                            .withRemedy("If it is a supergroup, use TelegramGroup.supergroup(channelId, accessHash).")
                    : d.withDescription("no group with this id"), NotFound.Subject.GROUP);
            case "CHAT_INVALID", "PEER_ID_INVALID", "CHANNEL_INVALID" -> new NotFound(
                    d.withDescription("the account knows no such group (wrong id or access hash)"), NotFound.Subject.GROUP);
            case "USERNAME_INVALID" -> new NotFound(
                    d.withDescription("no such person: this is not a username Telegram takes (5 to 32 letters, digits and underscores)")
                            .withRemedy("Check the username's spelling, or give the person's phone number."),
                    NotFound.Subject.MEMBER);
            case "USERNAME_NOT_OCCUPIED" -> new NotFound(
                    d.withDescription("no such person: no Telegram account has this username")
                            .withRemedy("Check the username's spelling (5 to 32 letters, digits and underscores), or"
                                    + " give the person's phone number."), NotFound.Subject.MEMBER);
            case "USER_ID_INVALID", "PARTICIPANT_ID_INVALID" -> new NotFound(
                    d.withDescription("no such person (or a wrong access hash)")
                            .withRemedy("Pass a username or phone, or TelegramClient.user(id, accessHash) with the hash"
                                    + " from a resolve."), NotFound.Subject.MEMBER);
            case "INPUT_USER_DEACTIVATED" -> new NotFound(d.withDescription("the person deleted their account"),
                    NotFound.Subject.MEMBER);
            case "PHONE_NOT_OCCUPIED" -> new NotRegistered(d.withDescription("no Telegram account has this phone number,"
                    + " or the person hides it"));
            case "AUTH_KEY_UNREGISTERED", "SESSION_REVOKED", "SESSION_EXPIRED", "AUTH_KEY_INVALID", "USER_DEACTIVATED",
                 "USER_DEACTIVATED_BAN" -> new Unauthorized(d.withDescription("the session is no longer logged in")
                    .withRemedy("Log in again and export a new session string."));
            case "SESSION_PASSWORD_NEEDED" -> new Unauthorized(d.withDescription(
                    "the session's login was never finished: the account has two-step verification and its password"
                            + " was not given").withRemedy("Log in again with TelegramLogin, give the two-step"
                    + " verification password, and export the new session string."));
            case "AUTH_KEY_PERM_EMPTY" -> new Unauthorized(d.withDescription(
                    "the session's auth key is a temporary key not bound to a permanent one")
                    .withRemedy("Use a session made from a permanent auth key: log in again and export a new session string."));
            case "AUTH_KEY_DUPLICATED" -> new Unauthorized(d.withDescription(
                    "the session's auth key was used from two places at once and Telegram revoked it")
                    .withRemedy("Create a new session; never use one session from two processes."));
            default -> code == 500 || message.endsWith("_CALL_ERROR") || message.equals("TIMEOUT")
                    ? new Unavailable(d.withDescription("Telegram had an internal error; try again later"))
                    : new Unrecognized(d.withDescription("an error this version does not know: " + message));
        };
    }

    /**
     * The outcome of a call that got no RPC answer.
     *
     * @param failure how it failed
     * @param effect whether the call changes something (a lost change is {@link Indeterminate})
     * @return the outcome
     */
    public static Outcome outcome(RpcAnswer.Failure failure, Effect effect) {
        ProviderDetail d = ProviderDetail.of(PROVIDER, failure.transportCode() != 0
                ? "TRANSPORT_" + (-failure.transportCode()) : failure.stage().name()).withDescription(failure.reason());
        return switch (failure.transportCode()) {
            case -404 -> new Unauthorized(d.withDescription("the server does not know the session's auth key")
                    .withRemedy("Log in again and export a new session string."));
            case -429 -> new RateLimited(d.withDescription("too many connections or calls from this address"),
                    Optional.empty(), Optional.empty());
            case -444 -> new Unsupported(d.withDescription("the server says the data centre id is wrong")
                    .withRemedy("Check the session's data centre and address."));
            default -> failure.stage() == RpcAnswer.Stage.NOT_TELEGRAM
                    ? new Unsupported(d.withRemedy("Check the host and port the session names (Telegram's data centres"
                            + " speak MTProto, not HTTP); a proxy on the way must pass raw TCP through."))
                    : failure.stage() == RpcAnswer.Stage.LOST && effect.mayChange()
                    ? new Indeterminate(d.withRemedy("The call left but its answer was lost: check the group before"
                            + " trying again."))
                    : new Unavailable(d);
        };
    }

    /**
     * Narrows an outcome to the result type an operation returns.
     *
     * @param outcome the outcome
     * @param type the result type
     * @param <R> the result type
     * @return the outcome, or {@link Unrecognized} carrying its detail if the type does not fit
     */
    public static <R> R as(Outcome outcome, Class<R> type) {
        if (type.isInstance(outcome)) {
            return type.cast(outcome);
        }
        if (outcome instanceof NotRegistered n) {
            // No account has the phone: for a call that cannot answer NotRegistered (a link for the
            // person, a decision on their request) the person is not found, which is what happened.
            return type.cast(new NotFound(n.detail().withRemedy("No Telegram account has this phone number (or its"
                    + " owner hides it from strangers): check the number, or ask the person for their @username."),
                    NotFound.Subject.MEMBER));
        }
        return type.cast(new Unrecognized(outcome.detail().withDescription(
                outcome.detail().description() + " (unexpected for this call)")));
    }
}
