package io.groupkit.core;

/** What kind of identifier a {@link Member} is; providers declare which kinds they take. */
public enum MemberKind {
    /** A phone number in international form. */
    PHONE,
    /** A provider's numeric or opaque user id (a Bitrix24 user or bot id, a Telegram user id). */
    USER_ID,
    /** A public user name, such as a Telegram {@code @username}. */
    USERNAME,
    /** A provider's chat id of a person, such as WhatsApp's {@code 79001234567@c.us}. */
    CHAT_ID
}
