package io.groupkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.GroupRef;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.JoinRequested;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Membership events and invitations as the command line prints them: one line per event for
 * people, one JSON object per line for scripts. Phone numbers are masked unless
 * {@code --show-numbers} asks otherwise, in the member, in who added or removed them, and in an
 * invitation's person.
 */
final class EventLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final boolean showNumbers;
    private final Function<GroupRef, String> write;

    EventLines(boolean showNumbers, Function<GroupRef, String> write) {
        this.showNumbers = showNumbers;
        this.write = write;
    }

    /** {@code JOINED  120363...@g.us  +7 900 ***-**-68  joined by invitation after 3 s  (16:19:58..16:20:01 UTC, seen by listing)}. */
    String line(MembershipEvent e) {
        String when = e.time().exact() ? "at " + CLOCK.format(e.time().from()) + " UTC"
                : "between " + CLOCK.format(e.time().from()) + " and " + CLOCK.format(e.time().to()) + " UTC";
        return String.format("%-14s %s  %s  %s  (%s, %s)", e.kind(), write.apply(e.group()), Printer.display(e.member(),
                showNumbers), what(e), when, switch (e.source()) {
                    case PUSHED -> "told by the provider";
                    case OBSERVED -> "seen by listing";
                });
    }

    private String what(MembershipEvent e) {
        if (e instanceof Joined j) {
            if (j.byInvitation()) {
                io.groupkit.core.events.Invitation i = j.invitation().orElseThrow();
                // A personal link someone passed on: say whose invitation it was.
                boolean own = i.member().kind() == j.member().kind() && i.member().value().equals(j.member().value());
                String whose = own ? ""
                        : " sent to " + Printer.display(i.member(), showNumbers);
                return "joined by invitation" + whose + " after " + took(j.afterInvitation().orElseThrow());
            }
            return switch (j.how()) {
                case ADDED -> "added" + j.by().map(b -> " by " + Printer.display(b, showNumbers)).orElse("");
                case INVITE_LINK -> "joined by an invite link" + (j.link().isPresent() ? " GroupKit did not send" : "");
                case JOIN_REQUEST -> "joined: their request was approved"
                        + j.by().map(b -> " by " + Printer.display(b, showNumbers)).orElse("");
                case UNKNOWN -> "joined";
            };
        }
        if (e instanceof Removed r) {
            return "removed" + r.by().map(b -> " by " + Printer.display(b, showNumbers)).orElse("");
        }
        if (e instanceof Promoted p) {
            return "now " + p.role();
        }
        if (e instanceof Demoted d) {
            return "now " + d.role();
        }
        return e instanceof JoinRequested ? "asks to join" : "left";
    }

    /** One event as a JSON object: what a script needs, the id to de-duplicate by first. */
    String json(MembershipEvent e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", e.id());
        f.put("kind", e.kind().name());
        f.put("group", write.apply(e.group()));
        f.put("member", Printer.display(e.member(), showNumbers));
        f.put("memberKind", e.member().kind().name());
        f.put("from", e.time().from().toString());
        f.put("to", e.time().to().toString());
        f.put("source", e.source().name());
        if (e instanceof Joined j) {
            f.put("how", j.how().name());
            j.by().ifPresent(b -> f.put("by", Printer.display(b, showNumbers)));
            f.put("byInvitation", j.byInvitation());
            j.afterInvitation().ifPresent(d -> f.put("afterInvitationSeconds", d.toSeconds()));
            j.invitation().ifPresent(i -> f.put("invitationId", i.id()));
            j.link().ifPresent(l -> f.put("link", l));
        } else if (e instanceof Removed r) {
            r.by().ifPresent(b -> f.put("by", Printer.display(b, showNumbers)));
        } else if (e instanceof Promoted p) {
            f.put("role", p.role().name());
        } else if (e instanceof Demoted d) {
            f.put("role", d.role().name());
        }
        return write(f);
    }

    /** One invitation as a line: who, when, how it went out, and where it stands. */
    String line(Invitation i, Instant now) {
        return String.format("  %-20s invited %s UTC  %-8s %-8s%s", Printer.display(i.member(), showNumbers),
                i.invitedAt().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", ""),
                i.delivery() == io.groupkit.core.InviteDelivery.SENT ? "sent" : "attached", i.state(now),
                i.tookToJoin().map(d -> "  after " + took(d)).orElse(""));
    }

    String json(Invitation i, Instant now) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", i.id());
        f.put("group", i.groupKey());
        f.put("person", Printer.display(i.member(), showNumbers));
        f.put("invitedAt", i.invitedAt().toString());
        f.put("delivery", i.delivery().name());
        f.put("state", i.state(now).name());
        i.joinedAt().ifPresent(t -> f.put("joinedAt", t.toString()));
        i.tookToJoin().ifPresent(d -> f.put("tookSeconds", d.toSeconds()));
        i.expiresAt().ifPresent(t -> f.put("expiresAt", t.toString()));
        return write(f);
    }

    /** A duration as people say it: 3 s, 4 min, 2 h, 3 days. */
    static String took(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        return s < 2 * 86400 ? s / 3600 + " h" : s / 86400 + " days";
    }

    static String write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers could not be written as JSON", e);
        }
    }
}
