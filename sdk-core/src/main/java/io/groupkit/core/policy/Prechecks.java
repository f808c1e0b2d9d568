package io.groupkit.core.policy;

/**
 * Whether GroupKit checks a person before adding them, where the provider can (Green-API asks
 * whether the number has WhatsApp). On by default: adding numbers without an account can get the
 * sender's number banned.
 */
public enum Prechecks {
    /** Check first: a person without an account is reported {@code NotRegistered} and never sent. */
    ON,
    /** Send the add without checking. */
    OFF
}
