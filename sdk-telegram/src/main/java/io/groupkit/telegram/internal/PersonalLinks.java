package io.groupkit.telegram.internal;

import io.groupkit.core.ActionResult;
import io.groupkit.core.Done;
import io.groupkit.core.Failure;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.Outcome;
import io.groupkit.core.Redaction;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.Replies.ExportedLink;
import io.groupkit.telegram.internal.TelegramAnswers.Called;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Invite links made for one person: {@code messages.exportChatInvite} with a usage limit (1 by
 * default), an expiry and a title naming the person masked. The link made for the person last
 * time is asked about first ({@code messages.getExportedChatInvite}, one call, not a listing of
 * every link of the account): given again while it works, revoked
 * ({@code messages.editExportedChatInvite} with {@code revoked}) when used up or expired. Only a
 * link whose title GroupKit wrote is reused or revoked, so a group's shared link recorded for
 * someone earlier is never revoked by mistake.
 */
final class PersonalLinks {
    /** How every personal link's title starts: how GroupKit knows its own links. */
    static final String TITLE_PREFIX = "GroupKit · ";
    /** Telegram's longest link title. */
    static final int MAX_TITLE = 32;

    private final HomeConnection connection;
    private final TimeSource time;
    private final Duration expiry;
    private final int usageLimit;

    PersonalLinks(HomeConnection connection, TimeSource time, Duration expiry, int usageLimit) {
        this.connection = connection;
        this.time = time;
        this.expiry = expiry;
        this.usageLimit = usageLimit;
    }

    /**
     * The title of a person's link: the person masked (phones keep their first two and last two
     * digits), at most {@value #MAX_TITLE} characters.
     *
     * @param member the person
     * @return the title
     */
    static String title(Member member) {
        String who = switch (member.kind()) {
            case PHONE -> "+" + Redaction.maskPhone(member.value());
            case USERNAME -> "@" + member.value();
            case USER_ID -> "id " + member.value().split(":", 2)[0]; // never the access hash
            default -> member.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
        String title = TITLE_PREFIX + who;
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
    }

    InviteLinkResult link(TelegramGroup group, Member member, Optional<String> earlier) {
        String note = "";
        if (earlier.isPresent()) {
            RpcAnswer answer = connection.call(Requests.getExportedChatInvite(chatId(group), channel(group), earlier.get()));
            if (answer instanceof RpcAnswer.Result result) {
                try {
                    Optional<ExportedLink> seen = Replies.exportedChatInvite(result.body());
                    if (seen.isPresent() && ours(seen.get())) {
                        ExportedLink l = seen.get();
                        if (l.works(time.now())) {
                            return new InviteLink(TelegramProvider.detail("LINK_REUSED",
                                    "the link made for this person earlier still works (used " + l.usage()
                                            + l.usageLimit().stream().mapToObj(n -> " of " + n).findFirst().orElse("")
                                            + " times)"), l.url(), l.expiresAt(), l.usageLimit());
                        }
                        note = l.revoked() ? "; their earlier link was revoked"
                                : "; their earlier link, " + spent(l) + ", " + revokeNote(group, l.url());
                    }
                } catch (TlException e) {
                    note = "; their earlier link could not be read (" + Exceptions.message(e) + ")";
                }
            } else {
                Outcome o = TelegramAnswers.outcome(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT);
                if (answer instanceof RpcAnswer.Error e && gone(e.message())) {
                    note = "; their earlier link no longer works (" + e.message() + ")";
                } else if (o instanceof Failure f && !(o instanceof Unrecognized)) {
                    // About the group or the account (no rights, flood wait, not logged in): the export would meet it too.
                    return f;
                }
            }
        }
        return export(group, member, note);
    }

    private InviteLinkResult export(TelegramGroup group, Member member, String note) {
        Instant until = time.now().plus(expiry);
        int expireDate = (int) Math.min(Integer.MAX_VALUE, until.getEpochSecond());
        RpcAnswer answer = connection.call(Requests.exportChatInvite(chatId(group), channel(group), expireDate, usageLimit,
                title(member)));
        if (!(answer instanceof RpcAnswer.Result result)) {
            return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, InviteLinkResult.class);
        }
        try {
            return Replies.exportedLink(result.body()).<InviteLinkResult>map(l -> new InviteLink(TelegramProvider.detail(
                            "PERSONAL_LINK_EXPORTED", "Telegram made a link for this person (" + usageLimit
                                    + (usageLimit == 1 ? " use" : " uses") + ", until " + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")" + note),
                            l.url(), l.expiresAt(), l.usageLimit()))
                    .orElseGet(() -> new Unrecognized(TelegramProvider.detail("PUBLIC_JOIN_REQUESTS",
                            "the group takes join requests instead of invite links")));
        } catch (TlException e) {
            return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
        }
    }

    /**
     * Revokes a link of the account's.
     *
     * @param group the group
     * @param link the link
     * @return {@link Done} (also when Telegram says the link no longer works), or why not
     */
    ActionResult revoke(TelegramGroup group, String link) {
        RpcAnswer answer = connection.call(Requests.revokeExportedChatInvite(chatId(group), channel(group), link));
        if (answer instanceof RpcAnswer.Result) {
            return new Done(TelegramProvider.detail("REVOKED", "the link was revoked"));
        }
        if (answer instanceof RpcAnswer.Error e && e.message().equals("INVITE_HASH_EXPIRED")) {
            return new Done(TelegramProvider.detail("INVITE_HASH_EXPIRED", "the link had stopped working already"));
        }
        return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.CHANGES, ActionResult.class);
    }

    private String revokeNote(TelegramGroup group, String link) {
        ActionResult r = revoke(group, link);
        return r instanceof Done ? "was revoked" : "could not be revoked (" + r.detail().code() + ")";
    }

    private String spent(ExportedLink l) {
        OptionalInt limit = l.usageLimit();
        return limit.isPresent() && l.usage() >= limit.getAsInt() ? "used" : "expired";
    }

    /** A link GroupKit made for one person: limited, and titled as {@link #title} writes. */
    private static boolean ours(ExportedLink l) {
        return l.usageLimit().isPresent() && l.title().map(t -> t.startsWith(TITLE_PREFIX)).orElse(false);
    }

    /** Errors that say the earlier link no longer works: make a new one. */
    private static boolean gone(String error) {
        return error.equals("INVITE_HASH_EXPIRED") || error.equals("INVITE_HASH_INVALID");
    }

    private static long chatId(TelegramGroup group) {
        return group instanceof TelegramGroup.BasicGroup b ? b.chatId() : 0;
    }

    private static Requests.@Nullable Peer channel(TelegramGroup group) {
        return group instanceof TelegramGroup.BasicGroup ? null : TelegramProvider.channelOf(group);
    }
}
