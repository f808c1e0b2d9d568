package io.groupkit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A group's invite link.
 *
 * @param detail what the provider answered
 * @param url the link
 * @param expiresAt when the link stops working, if it expires
 * @param usageLimit how many people may join with it, if limited
 */
public record InviteLink(ProviderDetail detail, String url, Optional<Instant> expiresAt, OptionalInt usageLimit)
        implements InviteLinkResult {
    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param url the link; not blank
     * @param expiresAt the expiry, or empty
     * @param usageLimit the usage limit, or empty
     */
    public InviteLink {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(url, "url must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null (use Optional.empty())");
        Objects.requireNonNull(usageLimit, "usageLimit must not be null (use OptionalInt.empty())");
        if (url.isBlank()) {
            throw new IllegalArgumentException("expected an invite link URL, got a blank string");
        }
    }

    /**
     * A link that neither expires nor has a usage limit.
     *
     * @param detail what the provider answered
     * @param url the link
     */
    public InviteLink(ProviderDetail detail, String url) {
        this(detail, url, Optional.empty(), OptionalInt.empty());
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.INVITE_LINK;
    }
}
