package io.groupkit.core;

import java.util.Objects;

/**
 * A reference to a group at some provider.
 *
 * <p>Providers with more than a plain id define their own implementations (a Bitrix24 CRM
 * entity's chat, a Telegram supergroup with its access hash); every method of
 * {@link GroupMembership} takes any {@code GroupRef}, so callers never cast. A provider that
 * cannot use a given kind of reference says so with an {@link IllegalArgumentException}.
 */
public interface GroupRef {

    /**
     * A stable key, unique within one provider account, used for caches and logs.
     *
     * @return the key; never blank
     */
    String key();

    /**
     * A group known by the provider's own id, such as {@code 120363043968066561@g.us}.
     *
     * @param id the provider's group id, as the provider gave it
     * @return the reference
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is blank or has white space or control characters
     */
    static GroupId of(String id) {
        return new GroupId(id);
    }

    /**
     * A group known by the provider's own id.
     *
     * @param id the provider's group id
     */
    record GroupId(String id) implements GroupRef {
        /**
         * Checks the id.
         *
         * @param id the provider's group id
         */
        public GroupId {
            Objects.requireNonNull(id, "group id must not be null");
            id = id.strip();
            if (id.isEmpty() || id.length() > 256 || id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException(
                        "expected a group id of 1 to 256 characters without white space, as the provider gave it, got "
                                + (id.isEmpty() ? "a blank string" : "'" + Texts.clip(id) + "'"));
            }
        }

        @Override
        public String key() {
            return id;
        }
    }
}
