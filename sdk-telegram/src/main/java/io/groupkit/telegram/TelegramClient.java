package io.groupkit.telegram;

import io.groupkit.core.ActionResult;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.spi.ProviderClient;
import io.groupkit.core.spi.Effect;
import io.groupkit.telegram.internal.TelegramProvider;
import java.util.List;

/**
 * Group membership for one Telegram user account over MTProto 2.0: add, remove and invite links
 * for basic groups and supergroups ({@link TelegramGroup}), people given by username, phone or
 * {@link #user(long, long) id and access hash}. Immutable and thread-safe; calls take turns on
 * one connection. Close it to close the connection.
 */
public final class TelegramClient extends ProviderClient {
    private final TelegramProvider provider;

    TelegramClient(TelegramProvider provider, Policies policies) {
        super(provider, policies);
        this.provider = provider;
    }

    /**
     * A person by id and the account's access hash for them (as a client library reports it).
     * A bare {@code Member.userId(id)} works for people this client has resolved before.
     *
     * @param userId the user id
     * @param accessHash the access hash
     * @return the member
     */
    public static Member user(long userId, long accessHash) {
        if (userId <= 0) {
            throw new IllegalArgumentException("expected a positive user id, got " + userId);
        }
        return Member.userId(userId + ":" + accessHash);
    }

    /**
     * The account's state: whether the session works, by asking Telegram for the account itself
     * ({@code users.getUsers} of self). The same name as {@code GreenApiClient.state()}.
     *
     * @return {@link io.groupkit.core.AccountStatus} AUTHORIZED, or {@code Unauthorized},
     *     {@code Unavailable} and the like
     */
    public ActionResult state() {
        return executeAndWait("users.getUsers", List.of(), Effect.SAFE_TO_REPEAT, provider::state);
    }

    /**
     * The old name of {@link #state()}.
     *
     * @return what {@link #state()} returns
     * @deprecated use {@link #state()}, the name every client uses for the account's state; removed in 0.2
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public ActionResult check() {
        return state();
    }

    /**
     * Makes the account leave a group.
     *
     * @param group the group
     * @return {@link io.groupkit.core.Done}, or an outcome such as {@code NotFound} or
     *     {@code Indeterminate} (sent, no answer)
     */
    public ActionResult leave(TelegramGroup group) {
        java.util.Objects.requireNonNull(group, "group must not be null");
        return executeAndWait("leave", provider.rateLimits(io.groupkit.core.spi.Operation.REMOVE), Effect.CHANGES,
                ctx -> provider.leave(ctx, group));
    }

    /**
     * Revokes one of the account's invite links in a group ({@code messages.editExportedChatInvite}
     * with {@code revoked}): nobody can join with it any more. Links made for one person are
     * revoked by GroupKit itself once spent, when the person's link is asked for again; this is
     * for a link you want dead now.
     *
     * @param group the group
     * @param link the link, as an {@code InviteLink} gave it
     * @return {@link io.groupkit.core.Done} (code {@code REVOKED}, or {@code INVITE_HASH_EXPIRED} when
     *     it had stopped working already), or why not, such as {@code AccessDenied}
     */
    public ActionResult revokeInviteLink(TelegramGroup group, String link) {
        java.util.Objects.requireNonNull(group, "group must not be null");
        java.util.Objects.requireNonNull(link, "link must not be null");
        if (link.isBlank()) {
            throw new IllegalArgumentException("expected an invite link such as https://t.me/+AbCd, got a blank string");
        }
        return executeAndWait("messages.editExportedChatInvite", provider.rateLimits(io.groupkit.core.spi.Operation.INVITE_LINK),
                Effect.CHANGES, ctx -> provider.revokeInviteLink(ctx, group, link));
    }

    /** Closes the connection and ends the client's I/O thread; later calls throw IllegalStateException. */
    @Override
    public void close() {
        super.close();
    }

    @Override
    public String toString() {
        return "TelegramClient[" + provider + "]";
    }
}
