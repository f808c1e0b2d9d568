package io.groupkit.telegram.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a supergroup's last read ended: the newest admin-log entry read, when it was read (for the
 * log's window), and the newest pending join request's date with the requesters at that date
 * (a request made after is new). Written {@code sg1:<entry>:<read at>:<request date>:<id.id...>}.
 *
 * @param lastEntry the newest entry read, 0 when the log was empty
 * @param readAt when it was read, unix seconds on the client's clock
 * @param requestDate the newest pending request's date, unix seconds, 0 when none was seen
 * @param requestIds the requesters whose requests have that date, at most {@value #MAX_IDS}
 */
record SupergroupCursor(long lastEntry, long readAt, long requestDate, Set<Long> requestIds) {
    /** The most requesters the cursor keeps: more asking in one second is beyond any real group. */
    static final int MAX_IDS = 100;
    private static final Pattern TEXT = Pattern.compile("sg1:(\\d{1,19}):(\\d{1,12}):(\\d{1,12}):((?:\\d{1,19}(?:\\.\\d{1,19}){0,"
            + (MAX_IDS - 1) + "})?)");

    SupergroupCursor {
        requestIds = Set.copyOf(requestIds);
    }

    /**
     * Reads a cursor.
     *
     * @param text a cursor this adapter wrote
     * @return the cursor
     * @throws IllegalArgumentException if it is not one (a cursor of another group kind, provider or version)
     */
    static SupergroupCursor parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a cursor of a Telegram supergroup's events (sg1:...), got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
        Set<Long> ids = m.group(4).isEmpty() ? Set.of()
                : Arrays.stream(m.group(4).split("\\.")).map(Long::parseLong).collect(Collectors.toSet());
        return new SupergroupCursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), ids);
    }

    /**
     * At most {@value #MAX_IDS} ids, the lowest kept (the cut is deterministic).
     *
     * @param ids requesters
     * @return the bounded set
     */
    static Set<Long> bounded(Set<Long> ids) {
        return new TreeSet<>(ids).stream().limit(MAX_IDS).collect(Collectors.toSet());
    }

    String text() {
        return "sg1:" + lastEntry + ":" + readAt + ":" + requestDate + ":"
                + new TreeSet<>(requestIds).stream().map(String::valueOf).collect(Collectors.joining("."));
    }
}
