package io.groupkit.core;

/** A member's standing in a group. */
public enum MemberRole {
    /** An ordinary member. */
    MEMBER,
    /** An administrator. */
    ADMIN,
    /** The owner or creator (WhatsApp's super admin). */
    OWNER
}
