package io.groupkit.testkit.telegrambot;

import org.jspecify.annotations.Nullable;

/** An invite link and its use. Guarded by the simulator's lock. */
final class SimLink {
    final String url;
    long chatId;
    final boolean primary;
    @Nullable String name;
    long expireDate;
    int memberLimit;
    boolean createsJoinRequest;
    boolean revoked;
    int usage;

    SimLink(String url, long chatId, boolean primary) {
        this.url = url;
        this.chatId = chatId;
        this.primary = primary;
    }

    /** Whether a person opening it now is turned away as Telegram does: revoked, expired or used up. */
    boolean spent(long nowSeconds) {
        return revoked || expireDate != 0 && nowSeconds >= expireDate || memberLimit != 0 && usage >= memberLimit;
    }
}
