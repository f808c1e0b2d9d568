package io.groupkit.core.internal;

import io.groupkit.core.BulkEntry;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bulk input with each person once: the first time a person appears they are sent, every later
 * appearance is reported as a duplicate of it. A second add of the same person spends a request
 * (and, on WhatsApp, risks the number) for nothing.
 */
final class Duplicates {
    // A WhatsApp chat id of a person embeds the phone number: 79001234567@c.us is the phone 79001234567.
    private static final Pattern PERSONAL_CHAT = Pattern.compile("(\\d{7,15})@c\\.us");

    private final List<Member> unique;
    private final int[] inputIndex;
    private final List<BulkReport.Duplicate> duplicates;

    private Duplicates(List<Member> unique, int[] inputIndex, List<BulkReport.Duplicate> duplicates) {
        this.unique = unique;
        this.inputIndex = inputIndex;
        this.duplicates = duplicates;
    }

    static Duplicates of(List<Member> people) {
        Map<String, Integer> first = new HashMap<>();
        List<Member> unique = new ArrayList<>();
        int[] inputIndex = new int[people.size()];
        List<BulkReport.Duplicate> duplicates = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Member m = people.get(i);
            Integer earlier = first.putIfAbsent(identity(m), i);
            if (earlier == null) {
                inputIndex[unique.size()] = i;
                unique.add(m);
            } else {
                duplicates.add(new BulkReport.Duplicate(i, m, earlier));
            }
        }
        return new Duplicates(List.copyOf(unique), inputIndex, List.copyOf(duplicates));
    }

    /**
     * Who a member is, whatever way it was written: a phone by its digits (a WhatsApp chat id
     * {@code <digits>@c.us} is that phone), a user name without case, any other id as given.
     */
    static String identity(Member m) {
        return switch (m.kind()) {
            case PHONE -> "phone:" + m.value();
            case USERNAME -> "username:" + m.value().toLowerCase(Locale.ROOT);
            case CHAT_ID -> {
                Matcher personal = PERSONAL_CHAT.matcher(m.value());
                yield personal.matches() ? "phone:" + personal.group(1) : "chat:" + m.value();
            }
            default -> m.kind() + ":" + m.value();
        };
    }

    /** The people to send, each once, in input order. */
    List<Member> unique() {
        return unique;
    }

    /** The report of the run over {@link #unique()}, told in the input's positions, with the duplicates. */
    BulkReport restore(BulkReport run) {
        if (duplicates.isEmpty()) {
            return run;
        }
        List<BulkEntry> entries = run.entries().stream()
                .map(e -> new BulkEntry(inputIndex[e.index()], e.member(), e.outcome())).toList();
        return new BulkReport(entries, run.notAttempted(), run.stoppedBy(), run.cancelled(), run.elapsed(), run.job(),
                duplicates);
    }
}
