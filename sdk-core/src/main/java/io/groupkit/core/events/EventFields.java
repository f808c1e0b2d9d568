package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Redaction;
import java.util.Objects;

/** The checks and the masked form every event shares. */
final class EventFields {
    private EventFields() {
    }

    static void check(String id, GroupRef group, Member member, EventTime time, EventSource source, ProviderDetail detail) {
        Objects.requireNonNull(id, "id must not be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("expected a non-blank event id");
        }
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(time, "time must not be null");
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
    }

    /** The event's first fields, masked: a group key may hold its creator's phone number. */
    static String describe(MembershipEvent e) {
        return e.getClass().getSimpleName() + "[id=" + e.id() + ", group=" + Redaction.maskDigitRuns(e.group().key())
                + ", member=" + e.member() + ", time=" + e.time() + ", source=" + e.source();
    }
}
