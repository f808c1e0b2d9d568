package io.groupkit.testkit.telegrambot;

/**
 * One person's (or the bot's) standing in a chat, as a ChatMember's {@code status}.
 *
 * @param status the status
 * @param isMember for {@code restricted}: whether the person is in the chat
 * @param untilDate for {@code kicked} and {@code restricted}: until when, 0 = forever
 */
record Member(Status status, boolean isMember, long untilDate) {
    static final Member LEFT = new Member(Status.LEFT, false, 0);
    static final Member MEMBER = new Member(Status.MEMBER, true, 0);
    static final Member ADMINISTRATOR = new Member(Status.ADMINISTRATOR, true, 0);
    static final Member CREATOR = new Member(Status.CREATOR, true, 0);

    static Member kicked(long untilDate) {
        return new Member(Status.KICKED, false, untilDate);
    }

    /** The Bot API's rule (facts sheet B.3): creator, administrator, member, or restricted with is_member. */
    boolean inChat() {
        return switch (status) {
            case CREATOR, ADMINISTRATOR, MEMBER -> true;
            case RESTRICTED -> isMember;
            case LEFT, KICKED -> false;
        };
    }

    boolean admin() {
        return status == Status.CREATOR || status == Status.ADMINISTRATOR;
    }

    /** ChatMember statuses, with their names on the wire. */
    enum Status {
        CREATOR("creator"), ADMINISTRATOR("administrator"), MEMBER("member"), RESTRICTED("restricted"),
        LEFT("left"), KICKED("kicked");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }
}
