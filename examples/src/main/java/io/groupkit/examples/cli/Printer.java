package io.groupkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.BulkEntry;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteLink;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.RateLimited;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outcomes as a table for people, or one JSON object per line for scripts. */
final class Printer {
    private static final int PROBLEMS_SHOWN = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean json;

    Printer(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** A person as shown: phone numbers masked (output ends up in logs and tickets), others as typed. */
    static String display(Member m) {
        return switch (m.kind()) {
            case PHONE -> io.groupkit.core.Redaction.maskPhone(m.value());
            case USERNAME -> "@" + m.value();
            case USER_ID -> "id " + m.value().split(":")[0];
            default -> m.toString();
        };
    }

    /** One outcome about one person (or none). */
    void outcome(Member who, Outcome o) {
        if (json) {
            Map<String, Object> fields = fields(o);
            if (who != null) {
                fields.put("person", display(who));
            }
            print(fields);
            return;
        }
        out.printf("%-18s %s%s%n", o.kind(), who == null ? "" : display(who) + "  ", o.detail());
        if (o instanceof InviteLink link) {
            out.println("  link: " + link.url() + link.expiresAt().map(t -> "  (expires " + t + ")").orElse("")
                    + (link.usageLimit().isPresent() ? "  (up to " + link.usageLimit().getAsInt() + " people)" : ""));
        }
        if (o instanceof LinkFallback refused) {
            refused.inviteLink().ifPresent(l -> out.println("  invite link: " + l.url()));
        }
        if (!o.isSuccess()) {
            out.println("  what to do: " + o.remedy());
        }
    }

    /** A member listing. */
    void members(Members m) {
        if (json) {
            Map<String, Object> fields = fields(m);
            fields.put("members", m.members().stream().map(g -> Map.of("kind", g.member().kind().name(),
                    "id", g.member().value(), "role", g.role().name())).toList());
            print(fields);
            return;
        }
        out.printf("%d members%n", m.members().size());
        for (GroupMember g : m.members()) {
            out.printf("  %-8s %-10s %s%n", g.role(), g.member().kind(), g.member().value());
        }
    }

    /**
     * The account's groups: reference (as the other commands take it), size, whether the account
     * may add people, title. Digit runs long enough to be phone numbers are masked in titles.
     */
    void groups(List<GroupInfo> shown, int total, String filter, java.util.function.Function<GroupRef, String> write) {
        if (json) {
            for (GroupInfo g : shown) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("group", write.apply(g.group()));
                fields.put("title", io.groupkit.core.Redaction.maskDigitRuns(g.title()));
                fields.put("members", g.memberCount().isPresent() ? g.memberCount().getAsInt() : null);
                fields.put("canAdd", g.addRight().name());
                print(fields);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("summary", Map.of("groups", total, "shown", shown.size()));
            print(summary);
            return;
        }
        out.printf("%d group%s%s%n", shown.size(), shown.size() == 1 ? "" : "s",
                filter.isEmpty() ? "" : " with \"" + filter + "\" in the title, of " + total);
        for (GroupInfo g : shown) {
            String size = g.memberCount().isPresent() ? g.memberCount().getAsInt()
                    + (g.memberCount().getAsInt() == 1 ? " member" : " members") : "";
            String right = switch (g.addRight()) {
                case YES -> "can add";
                case NO -> "cannot add";
                case UNKNOWN -> "";
            };
            out.printf("  %-30s %-12s %-10s %s%n", write.apply(g.group()), size, right,
                    io.groupkit.core.Redaction.maskDigitRuns(g.title()));
        }
    }

    /** A bulk run: each person who was not added, then the counts. */
    void bulk(BulkReport report, List<PeopleFile.Row> rows, boolean interrupted) {
        List<BulkEntry> problems = report.entries().stream().filter(e -> !e.outcome().isSuccess()).toList();
        if (json) {
            for (BulkEntry e : report.entries()) {
                Map<String, Object> fields = fields(e.outcome());
                fields.put("line", rows.get(e.index()).line());
                fields.put("person", display(e.member()));
                print(fields);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("summary", report.counts());
            summary.put("total", report.total());
            summary.put("notAttempted", report.notAttempted().size());
            report.stoppedBy().ifPresent(s -> summary.put("stoppedBy", s.kind().name()));
            summary.put("interrupted", interrupted);
            print(summary);
            return;
        }
        if (!problems.isEmpty()) {
            out.println("Not added:");
            problems.stream().limit(PROBLEMS_SHOWN).forEach(e -> out.printf("  line %-6d %-20s %-18s %s%n",
                    rows.get(e.index()).line(), display(e.member()), e.outcome().kind(), e.outcome().remedy()));
            if (problems.size() > PROBLEMS_SHOWN) {
                out.printf("  ... and %d more (--json lists everyone)%n", problems.size() - PROBLEMS_SHOWN);
            }
        }
        out.println("outcome              count");
        for (Map.Entry<OutcomeKind, Integer> e : report.counts().entrySet()) {
            out.printf("%-20s %5d%n", e.getKey(), e.getValue());
        }
        report.stoppedBy().ifPresent(s -> out.println("Stopped: " + s.kind() + " — " + s.remedy()));
        if (!report.notAttempted().isEmpty()) {
            out.printf("%s: %d people not attempted, from line %d on; run the command again with the rest%n",
                    interrupted ? "Interrupted" : "Stopped", report.notAttempted().size(), firstLine(report, rows));
        }
    }

    private static int firstLine(BulkReport report, List<PeopleFile.Row> rows) {
        java.util.BitSet attempted = new java.util.BitSet(rows.size());
        report.entries().forEach(e -> attempted.set(e.index()));
        int first = attempted.nextClearBit(0);
        return first < rows.size() ? rows.get(first).line() : rows.get(rows.size() - 1).line();
    }

    private static Map<String, Object> fields(Outcome o) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", o.kind().name());
        f.put("provider", o.detail().provider());
        f.put("code", o.detail().code());
        o.detail().status().ifPresent(s -> f.put("status", s));
        f.put("description", o.detail().description());
        f.put("success", o.isSuccess());
        f.put("retryable", o.retryable());
        if (!o.isSuccess()) {
            f.put("remedy", o.remedy());
        }
        if (o instanceof InviteLink link) {
            f.put("url", link.url());
            link.expiresAt().ifPresent(t -> f.put("expiresAt", t.toString()));
            link.usageLimit().ifPresent(n -> f.put("usageLimit", n));
        }
        if (o instanceof LinkFallback refused) {
            refused.inviteLink().ifPresent(l -> f.put("inviteLink", l.url()));
            f.put("inviteSent", refused.inviteSent());
        }
        if (o instanceof PrivacyRestricted p) {
            f.put("premiumWouldAllowInvite", p.premiumWouldAllowInvite());
            f.put("premiumRequiredForPm", p.premiumRequiredForPm());
        }
        if (o instanceof RateLimited r) {
            r.retryAfter().ifPresent(d -> f.put("retryAfterSeconds", d.toSeconds()));
        }
        if (o instanceof AccountStatus s) {
            f.put("state", s.state().name());
        }
        return f;
    }

    private void print(Map<String, Object> fields) {
        try {
            out.println(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers could not be written as JSON", e);
        }
    }
}
