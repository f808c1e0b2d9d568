package io.groupkit.telegram;

import io.groupkit.core.ActionResult;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.spi.ProviderClient;
import io.groupkit.core.spi.Effect;
import io.groupkit.telegram.internal.TelegramConnector;
import java.util.List;

/**
 * Group membership for one Telegram user account over MTProto 2.0: add, remove and invite links
 * for basic groups and supergroups ({@link TelegramGroup}), people given by username, phone or
 * {@link #user(long, long) id and access hash}. Immutable and thread-safe; calls take turns on
 * one connection. Close it to close the connection.
 */
public final class TelegramClient extends ProviderClient {
    private final TelegramConnector connector;

    TelegramClient(TelegramConnector connector, Policies policies) {
        super(connector, policies);
        this.connector = connector;
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
     * Whether the session works: asks Telegram for the account itself.
     *
     * @return {@link io.groupkit.core.AccountStatus} AUTHORIZED, or {@code Unauthorized},
     *     {@code Unavailable} and the like
     */
    public ActionResult check() {
        return executeAndWait("check", List.of(), Effect.SAFE_TO_REPEAT, connector::check);
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
        return executeAndWait("leave", connector.rateLimits(io.groupkit.core.spi.Operation.REMOVE), Effect.CHANGES,
                ctx -> connector.leave(ctx, group));
    }

    /** Closes the connection and ends the client's I/O thread; later calls throw IllegalStateException. */
    @Override
    public void close() {
        super.close();
    }

    @Override
    public String toString() {
        return "TelegramClient[" + connector + "]";
    }
}
