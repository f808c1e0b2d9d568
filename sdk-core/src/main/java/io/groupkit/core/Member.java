package io.groupkit.core;

import java.util.Objects;

/**
 * A person (or bot) to add to or remove from a group.
 *
 * <p>The factory methods check their input and throw {@link IllegalArgumentException} with a
 * message that says what was expected. Providers may define further implementations (a Telegram
 * user with its access hash); each reports one of the {@link MemberKind}s.
 *
 * <p>{@code toString()} masks phone numbers: they are personal data and must not reach logs.
 */
public interface Member {

    /**
     * The kind of identifier this is.
     *
     * @return the kind
     */
    MemberKind kind();

    /**
     * The identifier as a provider needs it: unmasked. Do not log it; log the member itself.
     *
     * @return the identifier
     */
    String value();

    /**
     * A phone number, normalised to its digits: {@code "+7 (900) 123-45-68"} becomes
     * {@code "79001234568"}.
     *
     * @param number an international number: an optional leading {@code +}, then the country code
     *     and number, 7 to 15 digits, optionally grouped with spaces, dashes, dots or parentheses
     * @return the phone
     * @throws NullPointerException if {@code number} is null
     * @throws IllegalArgumentException if {@code number} is not such a number
     */
    static Phone phone(String number) {
        return new Phone(number);
    }

    /**
     * A provider's user or bot id.
     *
     * @param id the id, 1 to 256 characters without white space
     * @return the member
     */
    static UserId userId(String id) {
        return new UserId(id);
    }

    /**
     * A provider's user or bot id given as a number.
     *
     * @param id the id; must be positive
     * @return the member
     */
    static UserId userId(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("expected a positive user id, got " + id);
        }
        return new UserId(Long.toString(id));
    }

    /**
     * A public user name; a leading {@code @} is dropped.
     *
     * @param username letters, digits and underscores, 1 to 64 characters
     * @return the member
     */
    static Username username(String username) {
        return new Username(username);
    }

    /**
     * A provider's chat id of a person, such as {@code 79001234567@c.us}.
     *
     * @param chatId the chat id, 1 to 256 characters without white space
     * @return the member
     */
    static ChatId chatId(String chatId) {
        return new ChatId(chatId);
    }

    /**
     * A phone number: digits only, country code first, no {@code +}.
     *
     * @param digits 7 to 15 digits, not starting with 0
     */
    record Phone(String digits) implements Member {
        /**
         * Checks the digits; use {@link Member#phone(String)} to parse formatted input.
         *
         * @param digits 7 to 15 digits, not starting with 0
         */
        public Phone {
            digits = PhoneNumbers.normalise(digits);
        }

        @Override
        public MemberKind kind() {
            return MemberKind.PHONE;
        }

        @Override
        public String value() {
            return digits;
        }

        /**
         * The number with a leading {@code +}.
         *
         * @return for example {@code +79001234568}
         */
        public String international() {
            return "+" + digits;
        }

        @Override
        public String toString() {
            return "Phone[" + Redaction.maskPhone(digits) + "]";
        }
    }

    /**
     * A provider's user or bot id.
     *
     * @param id the id
     */
    record UserId(String id) implements Member {
        /**
         * Checks the id.
         *
         * @param id the id, 1 to 256 characters without white space
         */
        public UserId {
            id = Identifiers.check(id, "user id");
        }

        @Override
        public MemberKind kind() {
            return MemberKind.USER_ID;
        }

        @Override
        public String value() {
            return id;
        }
    }

    /**
     * A public user name without the leading {@code @}.
     *
     * @param name the user name
     */
    record Username(String name) implements Member {
        /**
         * Checks the name.
         *
         * @param name letters, digits and underscores, 1 to 64 characters; a leading {@code @} is dropped
         */
        public Username {
            Objects.requireNonNull(name, "username must not be null");
            String stripped = name.strip();
            if (stripped.startsWith("@")) {
                stripped = stripped.substring(1);
            }
            if (stripped.isEmpty() || stripped.length() > 64 || !stripped.chars().allMatch(c -> c == '_' || (c < 128 && Character.isLetterOrDigit(c)))) {
                throw new IllegalArgumentException(
                        "expected a username of 1 to 64 letters, digits or underscores (a leading @ is allowed), got '"
                                + Texts.clip(name) + "'");
            }
            name = stripped;
        }

        @Override
        public MemberKind kind() {
            return MemberKind.USERNAME;
        }

        @Override
        public String value() {
            return name;
        }
    }

    /**
     * A provider's chat id of a person.
     *
     * @param id the chat id
     */
    record ChatId(String id) implements Member {
        /**
         * Checks the chat id.
         *
         * @param id 1 to 256 characters without white space
         */
        public ChatId {
            id = Identifiers.check(id, "chat id");
        }

        @Override
        public MemberKind kind() {
            return MemberKind.CHAT_ID;
        }

        @Override
        public String value() {
            return id;
        }

        @Override
        public String toString() {
            // WhatsApp chat ids embed the phone number.
            return "ChatId[" + Redaction.maskDigitRuns(id) + "]";
        }
    }
}
