package io.groupkit.core.internal;

import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.MemberRole;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.JoinRequested;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Members, events and invitations as lines of percent-encoded fields separated by spaces, for the
 * stores: a store keeps text and never needs to know the types.
 */
public final class EventCodec {
    private EventCodec() {
    }

    /**
     * A member as one field: its kind and value. Provider-specific members (a Telegram user with
     * its access hash) come back as the plain member of their kind.
     *
     * @param member the member
     * @return {@code KIND:value}
     */
    public static String member(Member member) {
        return member.kind().name() + ":" + member.value();
    }

    /**
     * The member {@link #member(Member)} wrote.
     *
     * @param field the field
     * @return the member
     */
    public static Member member(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected KIND:value, got a field without a colon");
        }
        String value = field.substring(colon + 1);
        return switch (MemberKind.valueOf(field.substring(0, colon))) {
            case PHONE -> new Member.Phone(value);
            case USER_ID -> Member.userId(value);
            case USERNAME -> Member.username(value);
            case CHAT_ID -> Member.chatId(value);
        };
    }

    /**
     * A group member's line fields: member and role.
     *
     * @param m the member
     * @return the line
     */
    static String groupMember(GroupMember m) {
        return enc(member(m.member())) + " " + m.role().name();
    }

    static GroupMember groupMember(String line) {
        String[] f = line.split(" ", -1);
        return new GroupMember(member(dec(f[0])), MemberRole.valueOf(f[1]));
    }

    /**
     * An event as one line (its group is the scope's and is not written).
     *
     * @param e the event
     * @return the line
     */
    static String event(MembershipEvent e) {
        List<String> f = new ArrayList<>();
        f.add(e.kind().name());
        f.add(e.id());
        f.add(member(e.member()));
        f.add(Long.toString(e.time().from().toEpochMilli()));
        f.add(Long.toString(e.time().to().toEpochMilli()));
        f.add(e.source().name());
        ProviderDetail d = e.detail();
        f.add(d.provider());
        f.add(d.code());
        f.add(d.description());
        if (e instanceof Joined j) {
            f.add(j.how().name());
            f.add(j.by().map(EventCodec::member).orElse(""));
            f.add(j.invitation().map(EventCodec::invitation).orElse(""));
            f.add(j.link().orElse(""));
        } else if (e instanceof Removed r) {
            f.add(r.by().map(EventCodec::member).orElse(""));
        } else if (e instanceof Promoted p) {
            f.add(p.role().name());
        } else if (e instanceof Demoted d2) {
            f.add(d2.role().name());
        }
        return join(f);
    }

    static MembershipEvent event(String line, GroupRef group) {
        String[] f = split(line);
        String id = f[1];
        Member member = member(f[2]);
        EventTime time = new EventTime(Instant.ofEpochMilli(Long.parseLong(f[3])), Instant.ofEpochMilli(Long.parseLong(f[4])));
        EventSource source = EventSource.valueOf(f[5]);
        ProviderDetail detail = ProviderDetail.of(f[6], f[7]).withDescription(f[8]);
        return switch (f[0]) {
            case "JOINED" -> new Joined(id, group, member, time, source, detail, JoinHow.valueOf(f[9]), optionalMember(f[10]),
                    f[11].isEmpty() ? Optional.empty() : Optional.of(invitation(f[11])),
                    f.length > 12 && !f[12].isEmpty() ? Optional.of(f[12]) : Optional.empty()); // older states have no link
            case "LEFT" -> new Left(id, group, member, time, source, detail);
            case "REMOVED" -> new Removed(id, group, member, time, source, detail, optionalMember(f[9]));
            case "PROMOTED" -> new Promoted(id, group, member, time, source, detail, MemberRole.valueOf(f[9]));
            case "DEMOTED" -> new Demoted(id, group, member, time, source, detail, MemberRole.valueOf(f[9]));
            case "JOIN_REQUESTED" -> new JoinRequested(id, group, member, time, source, detail);
            default -> throw new IllegalArgumentException("not an event kind: " + f[0]);
        };
    }

    /**
     * An invitation as one line.
     *
     * @param i the invitation
     * @return the line
     */
    public static String invitation(Invitation i) {
        List<String> f = new ArrayList<>();
        f.add(i.id());
        f.add(i.account());
        f.add(i.groupKey());
        f.add(member(i.member()));
        f.add(i.link());
        f.add(Long.toString(i.invitedAt().toEpochMilli()));
        f.add(i.delivery().name());
        f.add(i.expiresAt().map(t -> Long.toString(t.toEpochMilli())).orElse(""));
        f.add(i.joinedAt().map(t -> Long.toString(t.toEpochMilli())).orElse(""));
        f.add(i.joinEventId().orElse(""));
        return join(f);
    }

    /**
     * The invitation {@link #invitation(Invitation)} wrote.
     *
     * @param line the line
     * @return the invitation
     */
    public static Invitation invitation(String line) {
        String[] f = split(line);
        if (f.length != 10) {
            throw new IllegalArgumentException("expected an invitation of 10 fields, got " + f.length);
        }
        return new Invitation(f[0], f[1], f[2], member(f[3]), f[4], Instant.ofEpochMilli(Long.parseLong(f[5])),
                InviteDelivery.valueOf(f[6]), instant(f[7]), instant(f[8]), f[9].isEmpty() ? Optional.empty() : Optional.of(f[9]));
    }

    private static Optional<Instant> instant(String f) {
        return f.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(f)));
    }

    private static Optional<Member> optionalMember(String f) {
        return f.isEmpty() ? Optional.empty() : Optional.of(member(f));
    }

    static String join(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (String s : fields) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(s.isEmpty() ? "-" : enc(s).replace("-", "%2D")); // a lone "-" is an empty field
        }
        return b.toString();
    }

    static String[] split(String line) {
        String[] f = line.split(" ", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].equals("-") ? "" : dec(f[i]);
        }
        return f;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
