package io.groupkit.greenapi.internal;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Redaction;
import java.util.Optional;

/** WhatsApp's chat ids: the checks on what a caller names, and a person's ids in the forms the methods take. */
public final class ChatIds {
    private ChatIds() {
    }

    /**
     * Checks that a group is named by a WhatsApp group id.
     *
     * @param group the group
     * @throws IllegalArgumentException if its key does not end in {@code @g.us}
     */
    public static void checkGroup(GroupRef group) {
        String k = group.key();
        if (!k.endsWith("@g.us")) {
            // Another product's shape: the likelier mistake is the client's product, not the id.
            String other = k.matches("-[0-9]+") ? " (a negative number is a MAX or Telegram group: build the client with"
                    + " .product(GreenApiProduct.MAX) or TELEGRAM)" : k.matches("[0-9]{21,39}") ? " (a number of 21 to 39"
                    + " digits is an Instagram group: build the client with .product(GreenApiProduct.INSTAGRAM))" : "";
            throw new IllegalArgumentException("expected a WhatsApp group id ending in @g.us (from createGroup or a chat"
                    + " listing), got '" + Redaction.maskDigitRuns(k) + "'" + other);
        }
    }

    /**
     * Checks that a chat id names a person.
     *
     * @param member the member
     * @throws IllegalArgumentException if a chat id ends in neither {@code @c.us} nor {@code @lid}
     */
    public static void checkPerson(Member member) {
        if (member.kind() == MemberKind.CHAT_ID && !member.value().endsWith("@c.us") && !member.value().endsWith("@lid")) {
            throw new IllegalArgumentException("expected a WhatsApp chat id of a person (…@c.us or …@lid), got " + member);
        }
    }

    /**
     * A member's WhatsApp chat id.
     *
     * @param member a phone or chat id
     * @return {@code digits@c.us} for a phone, the id itself otherwise
     */
    public static String of(Member member) {
        return member instanceof Member.Phone p ? p.digits() + "@c.us" : member.value();
    }

    /**
     * The key a chat id is matched by: {@code phone:digits} for a number (the key a phone given as
     * {@code Member.phone} has too), {@code lid:…@lid} for a lid, {@code chat:…} for anything else.
     *
     * @param chatId a chat id or lid
     * @return the key
     */
    public static String key(String chatId) {
        return numberOf(chatId).map(d -> "phone:" + d)
                .orElseGet(() -> chatId.endsWith("@lid") ? "lid:" + chatId : "chat:" + chatId);
    }

    /**
     * A member's number, for {@code checkWhatsapp}.
     *
     * @param member a phone or chat id
     * @return the digits of a phone or of a {@code digits@c.us} id; empty for a {@code @lid}
     */
    public static Optional<String> digits(Member member) {
        if (member instanceof Member.Phone p) {
            return Optional.of(p.digits());
        }
        return numberOf(member.value());
    }

    private static Optional<String> numberOf(String v) {
        if (v.endsWith("@c.us") && v.length() > 5 && v.substring(0, v.length() - 5).chars().allMatch(Character::isDigit)) {
            return Optional.of(v.substring(0, v.length() - 5));
        }
        return Optional.empty();
    }
}
