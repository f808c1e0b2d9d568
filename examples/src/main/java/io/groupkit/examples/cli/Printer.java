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
    private final boolean showNumbers;
    private final String provider;

    Printer(PrintStream out, boolean json) {
        this(out, json, false, "");
    }

    Printer(PrintStream out, boolean json, boolean showNumbers, String provider) {
        this.out = out;
        this.json = json;
        this.showNumbers = showNumbers;
        this.provider = provider;
    }

    /** A person as shown: phone numbers masked (output ends up in logs and tickets), others as typed. */
    static String display(Member m) {
        return display(m, false);
    }

    /**
     * A person as shown.
     *
     * @param m the person
     * @param showNumbers whether phone numbers are shown whole ({@code --show-numbers})
     * @return phones (and chat ids that are phone numbers) masked unless asked otherwise
     */
    static String display(Member m, boolean showNumbers) {
        return switch (m.kind()) {
            case PHONE -> showNumbers ? "+" + m.value() : io.groupkit.core.Redaction.maskPhone(m.value());
            case USERNAME -> "@" + m.value();
            case USER_ID -> "id " + m.value().split(":")[0];
            case CHAT_ID -> showNumbers ? m.value() : io.groupkit.core.Redaction.maskDigitRuns(m.value());
        };
    }

    private String shown(Member m) {
        return display(m, showNumbers);
    }

    /**
     * A remedy in the words of this command line: the library's advice names Java calls where a
     * command does the same.
     */
    String remedy(Outcome o) {
        String r = o.remedy();
        r = r.replace("(remove() does ban and unban)", "(groupkit " + provider + " remove bans, then lifts the ban)");
        r = r.replace("use TelegramGroup.supergroup(channelId, accessHash).", "give it as channel:ID:ACCESS_HASH.");
        r = r.replace("or TelegramClient.user(id, accessHash) with the hash from a resolve", "or ID:ACCESS_HASH with the hash"
                + " from a resolve");
        r = r.replace("List the group's join requests", "List them (groupkit " + provider + " requests <group>)");
        r = r.replace("(retryAfter)", "(retry after, above)");
        r = r.replace("slow down bulk work", "slow down bulk-add");
        return r;
    }

    /** One outcome about one person (or none). */
    void outcome(Member who, Outcome o) {
        if (json) {
            Map<String, Object> fields = fields(o);
            if (who != null) {
                fields.put("person", shown(who));
            }
            print(fields);
            return;
        }
        out.printf("%-18s %s%s%n", o.kind(), who == null ? "" : shown(who) + "  ", o.detail());
        if (o instanceof InviteLink link) {
            out.println("  link: " + link.url() + link.expiresAt().map(t -> "  (expires " + t + ")").orElse("")
                    + (link.usageLimit().isPresent() ? "  (up to " + link.usageLimit().getAsInt() + (link.usageLimit().getAsInt() == 1 ? " person)" : " people)") : ""));
        }
        if (o instanceof LinkFallback refused) {
            refused.inviteLink().ifPresent(l -> out.println("  invite link: " + l.url()));
        }
        if (!o.isSuccess()) {
            out.println("  what to do: " + remedy(o));
        }
    }

    /** A member listing. */
    void members(Members m) {
        if (json) {
            Map<String, Object> fields = fields(m);
            fields.put("members", m.members().stream().map(g -> Map.of("kind", g.member().kind().name(),
                    "id", showNumbers || g.member().kind() == io.groupkit.core.MemberKind.USER_ID ? g.member().value()
                            : io.groupkit.core.Redaction.maskDigitRuns(g.member().value()), "role", g.role().name())).toList());
            print(fields);
            return;
        }
        out.printf("%d member%s%n", m.members().size(), m.members().size() == 1 ? "" : "s");
        for (GroupMember g : m.members()) {
            out.printf("  %-8s %-10s %s%n", g.role(), g.member().kind(), shown(g.member()));
        }
    }

    /** A group's pending join requests: who, when, through which link, what they wrote. */
    void joinRequests(io.groupkit.core.JoinRequests r) {
        if (json) {
            Map<String, Object> fields = fields(r);
            fields.put("requests", r.requests().stream().map(q -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("kind", q.member().kind().name());
                one.put("id", showNumbers || q.member().kind() == io.groupkit.core.MemberKind.USER_ID ? q.member().value()
                        : io.groupkit.core.Redaction.maskDigitRuns(q.member().value()));
                q.shownAs().ifPresent(n -> one.put("shownAs", n));
                one.put("requestedAt", q.requestedAt().toString());
                q.inviteLink().ifPresent(l -> one.put("inviteLink", l));
                q.about().ifPresent(a -> one.put("about", a));
                return one;
            }).toList());
            print(fields);
            return;
        }
        out.printf("%d pending join request%s%n", r.requests().size(), r.requests().size() == 1 ? "" : "s");
        for (io.groupkit.core.JoinRequest q : r.requests()) {
            out.printf("  %-22s %s%s%s%n", shown(q.member()) + q.shownAs().map(n -> " " + n).orElse(""), q.requestedAt(),
                    q.inviteLink().map(l -> "  via " + l).orElse(""), q.about().map(a -> "  \"" + a + "\"").orElse(""));
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

    /** A bulk run: each person who was not added, then the counts, and the lines set aside (--skip-invalid). */
    void bulk(BulkReport report, List<PeopleFile.Row> rows, boolean interrupted, java.nio.file.Path journal,
              List<PeopleFile.Rejected> skipped, java.nio.file.Path rejects) {
        List<BulkEntry> problems = report.entries().stream().filter(e -> !e.outcome().isSuccess()).toList();
        if (json) {
            for (BulkEntry e : report.entries()) {
                Map<String, Object> fields = fields(e.outcome());
                fields.put("line", rows.get(e.index()).line());
                fields.put("person", shown(e.member()));
                print(fields);
            }
            for (BulkReport.Duplicate d : report.duplicates()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("line", rows.get(d.index()).line());
                fields.put("person", shown(d.member()));
                fields.put("duplicateOfLine", rows.get(d.firstIndex()).line());
                print(fields);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("summary", report.counts());
            summary.put("total", report.total());
            summary.put("notAttempted", report.notAttempted().size());
            summary.put("duplicates", report.duplicates().size());
            summary.put("skippedInvalid", skipped.size());
            summary.put("skippedLines", skipped.stream().map(PeopleFile.Rejected::line).toList());
            if (rejects != null) {
                summary.put("rejects", rejects.toString());
            }
            report.stoppedBy().ifPresent(s -> summary.put("stoppedBy", s.kind().name()));
            summary.put("interrupted", interrupted);
            report.job().ifPresent(job -> {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("skipped", job.skipped());
                j.put("settled", job.settled());
                j.put("sent", job.sent());
                summary.put("journal", j);
            });
            long unknown = notKnown(report).size();
            if (!report.notAttempted().isEmpty() || unknown > 0) {
                Map<String, Object> resume = new LinkedHashMap<>();
                resume.put("fromLine", firstLine(report, rows));
                resume.put("notAttempted", report.notAttempted().size());
                resume.put("notKnown", unknown);
                resume.put("notKnownLines", notKnown(report).stream().map(e -> rows.get(e.index()).line()).toList());
                summary.put("resume", resume);
            }
            print(summary);
            return;
        }
        if (!problems.isEmpty()) {
            out.println("Not added:");
            problems.stream().limit(PROBLEMS_SHOWN).forEach(e -> out.printf("  line %-6d %-20s %-18s %s%n",
                    rows.get(e.index()).line(), shown(e.member()), e.outcome().kind(), remedy(e.outcome())));
            if (problems.size() > PROBLEMS_SHOWN) {
                out.printf("  ... and %d more (--json lists everyone)%n", problems.size() - PROBLEMS_SHOWN);
            }
        }
        out.println("outcome              count");
        for (Map.Entry<OutcomeKind, Integer> e : report.counts().entrySet()) {
            out.printf("%-20s %5d%n", e.getKey(), e.getValue());
        }
        if (!report.duplicates().isEmpty()) {
            out.printf("DUPLICATE            %5d  (sent once; lines %s)%n", report.duplicates().size(),
                    report.duplicates().stream().limit(20).map(d -> rows.get(d.index()).line() + " = "
                            + rows.get(d.firstIndex()).line()).collect(java.util.stream.Collectors.joining(", "))
                            + (report.duplicates().size() > 20 ? ", ..." : ""));
        }
        if (!skipped.isEmpty()) {
            out.printf("SKIPPED (invalid)    %5d  (not sent; lines %s)%s%n", skipped.size(), skipped.stream().limit(20)
                    .map(r -> String.valueOf(r.line())).collect(java.util.stream.Collectors.joining(", "))
                    + (skipped.size() > 20 ? ", ..." : ""), rejects == null ? "" : "; the lines and why: " + rejects);
        }
        report.stoppedBy().ifPresent(s -> out.println("Stopped: " + s.kind() + " — " + remedy(s)));
        report.job().ifPresent(job -> out.printf("Journal %s: %d skipped (done before), %d settled (under way before,"
                + " checked against the group first), %d sent%n", journal, job.skipped(), job.settled(), job.sent()));
        List<BulkEntry> unknown = notKnown(report);
        if (!unknown.isEmpty() && report.job().isPresent()) {
            out.printf("Not known: %d people were under way when it stopped; run the same command again: it checks them"
                    + " against the group before sending them anything%n", unknown.size());
        } else if (!unknown.isEmpty()) {
            out.printf("Not known: %d people were under way when it stopped (lines %s): list the group's members"
                    + " before sending them again%n", unknown.size(), unknown.stream().limit(20)
                    .map(e -> String.valueOf(rows.get(e.index()).line())).collect(java.util.stream.Collectors.joining(", "))
                    + (unknown.size() > 20 ? ", ..." : ""));
        }
        if (!report.notAttempted().isEmpty() && report.job().isPresent()) {
            out.printf("%s: %d people not attempted; run the same command again to go on%n",
                    interrupted ? "Interrupted" : "Stopped", report.notAttempted().size());
        } else if (!report.notAttempted().isEmpty()) {
            out.printf("%s: %d people not attempted, from line %d on; run the command again with the rest%n",
                    interrupted ? "Interrupted" : "Stopped", report.notAttempted().size(), firstLine(report, rows));
        }
    }

    /** People whose call was under way when a run was interrupted and not waited for. */
    private static List<BulkEntry> notKnown(BulkReport report) {
        return report.entries().stream().filter(e -> e.outcome().detail().code().equals("UNDER_WAY_WHEN_CANCELLED")).toList();
    }

    private static int firstLine(BulkReport report, List<PeopleFile.Row> rows) {
        java.util.BitSet attempted = new java.util.BitSet(rows.size());
        report.entries().forEach(e -> attempted.set(e.index()));
        report.duplicates().forEach(d -> attempted.set(d.index()));
        int first = attempted.nextClearBit(0);
        return first < rows.size() ? rows.get(first).line() : rows.get(rows.size() - 1).line();
    }

    private Map<String, Object> fields(Outcome o) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", o.kind().name());
        f.put("provider", o.detail().provider());
        f.put("code", o.detail().code());
        o.detail().status().ifPresent(s -> f.put("status", s));
        f.put("description", o.detail().description());
        f.put("success", o.isSuccess());
        f.put("retryable", o.retryable());
        if (!o.isSuccess()) {
            f.put("remedy", remedy(o));
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
