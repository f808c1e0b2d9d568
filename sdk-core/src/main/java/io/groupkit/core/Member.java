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
     * A phone number in international form, normalised to its digits: {@code "+7 (900) 123-45-68"}
     * becomes {@code "79001234568"}. The number must be a real number of its country (Google's
     * libphonenumber metadata): {@code "8 (900) 123-45-67"}, a Russian number as dialled inside
     * Russia, has no country code 8 and is refused — read it with {@link #phone(String, String)}.
     *
     * @param number an international number: an optional leading {@code +}, then the country code
     *     and number, 7 to 15 digits, optionally grouped with spaces, dashes, dots or parentheses
     * @return the phone
     * @throws NullPointerException if {@code number} is null
     * @throws IllegalArgumentException if {@code number} is not such a number (the message shows its
     *     shape, never its digits)
     */
    static Phone phone(String number) {
        return new Phone(PhoneNumbers.international(number));
    }

    /**
     * A phone number as people write it in {@code region}: {@code phone("8 (900) 123-45-67", "RU")}
     * and {@code phone("0151 12345678", "DE")} drop the trunk prefix and add the country code; a
     * number with a leading {@code +} is read as international whatever the region.
     *
     * @param number a national or international number, grouped with spaces, dashes, dots or parentheses
     * @param region where the number is written, as an ISO 3166 two-letter code ({@code "RU"}, {@code "KZ"})
     * @return the phone
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the region is unknown, or the number is not a valid number
     *     (the message shows its shape, never its digits)
     */
    static Phone phone(String number, String region) {
        return new Phone(PhoneNumbers.inRegion(number, region));
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
     * @param username letters, digits, underscores and dots (not first or last; Instagram's names
     *     have them, Telegram's do not), 1 to 64 characters
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
         * Checks the digits' shape only, for numbers a provider hands back (a range newer than the
         * phone metadata must not break a listing); use {@link Member#phone(String)} for what a
         * person typed: it also checks that the number is real.
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
            // Dots: Instagram's names have them (a provider whose names cannot refuses them itself).
            if (stripped.isEmpty() || stripped.length() > 64 || stripped.startsWith(".") || stripped.endsWith(".")
                    || !stripped.chars().allMatch(c -> c == '_' || c == '.' || (c < 128 && Character.isLetterOrDigit(c)))) {
                throw new IllegalArgumentException(
                        "expected a username of 1 to 64 letters, digits, underscores or inner dots (a leading @ is allowed), got '"
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
