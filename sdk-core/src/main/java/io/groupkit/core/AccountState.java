package io.groupkit.core;

/** The state of the provider account a client works for. */
public enum AccountState {
    /** Ready to work. */
    AUTHORIZED,
    /** Logged out: the account must be authorized again (scan the QR code, renew the session). */
    NOT_AUTHORIZED,
    /** Starting up; try again in a few minutes. */
    STARTING,
    /** The phone or session is asleep or offline. */
    SLEEPING,
    /** Suspended for suspected spam (WhatsApp's yellow card): rest the account. */
    SPAM_SUSPENDED,
    /** Banned by the messenger. */
    BANNED,
    /** Being created, or a state this version does not know. */
    UNKNOWN
}
