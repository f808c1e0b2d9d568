package io.groupkit.core.spi;

import io.groupkit.core.GroupRef;
import io.groupkit.core.MemberKind;
import io.groupkit.core.events.EventKind;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a provider can do. GroupKit checks calls against it: a member kind or group reference the
 * provider cannot take is the caller's bug and throws; an operation the provider lacks is the
 * outcome {@link io.groupkit.core.Unsupported}.
 *
 * @param memberKinds the kinds of member the provider takes
 * @param operations the operations it supports
 * @param groupRefTypes the kinds of group reference it takes
 * @param maxBatchSize how many adds fit in one batch request; 1 when it has no batches
 * @param eventKinds the kinds of membership event a watch can report for it: what listing
 *     comparison shows where it can list members (joins, leaves, role changes), plus what its
 *     pushed events add; empty when it can neither list nor push
 */
public record Capabilities(Set<MemberKind> memberKinds, Set<Operation> operations,
                           Set<Class<? extends GroupRef>> groupRefTypes, int maxBatchSize, Set<EventKind> eventKinds) {
    /**
     * Checks the fields and copies the sets.
     *
     * @param memberKinds member kinds; not empty
     * @param operations operations
     * @param groupRefTypes group reference types; not empty
     * @param maxBatchSize at least 1
     * @param eventKinds the events a watch can report
     */
    public Capabilities {
        eventKinds = Set.copyOf(eventKinds);
        memberKinds = Set.copyOf(memberKinds);
        operations = Set.copyOf(operations);
        groupRefTypes = Set.copyOf(groupRefTypes);
        if (memberKinds.isEmpty() || groupRefTypes.isEmpty()) {
            throw new IllegalArgumentException("expected at least one member kind and one group reference type");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("expected a maxBatchSize of at least 1, got " + maxBatchSize);
        }
        if (maxBatchSize > 1 != operations.contains(Operation.ADD_BATCH)) {
            throw new IllegalArgumentException("ADD_BATCH must be declared exactly when maxBatchSize is above 1");
        }
    }

    /**
     * Capabilities whose events are what listing comparison shows: joins, leaves and role changes
     * when {@link Operation#MEMBERS} is declared, none otherwise.
     *
     * @param memberKinds member kinds; not empty
     * @param operations operations
     * @param groupRefTypes group reference types; not empty
     * @param maxBatchSize at least 1
     */
    public Capabilities(Set<MemberKind> memberKinds, Set<Operation> operations,
                        Set<Class<? extends GroupRef>> groupRefTypes, int maxBatchSize) {
        this(memberKinds, operations, groupRefTypes, maxBatchSize, observable(operations));
    }

    private static Set<EventKind> observable(Set<Operation> operations) {
        return operations.contains(Operation.MEMBERS)
                ? EnumSet.of(EventKind.JOINED, EventKind.LEFT, EventKind.PROMOTED, EventKind.DEMOTED)
                : EnumSet.noneOf(EventKind.class);
    }

    /**
     * Whether a watch can report this kind of event.
     *
     * @param kind the kind
     * @return true if declared
     */
    public boolean reports(EventKind kind) {
        return eventKinds.contains(kind);
    }

    /**
     * Whether an operation is supported.
     *
     * @param operation the operation
     * @return true if supported
     */
    public boolean supports(Operation operation) {
        return operations.contains(operation);
    }

    /**
     * Whether a group reference is of a type the provider takes.
     *
     * @param group the reference
     * @return true if one of {@link #groupRefTypes()} is assignable from its class
     */
    public boolean accepts(GroupRef group) {
        for (Class<? extends GroupRef> type : groupRefTypes) { // a loop: asked on every call
            if (type.isInstance(group)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A builder.
     *
     * @return a builder with nothing declared
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Capabilities}; not thread-safe. */
    public static final class Builder {
        private final Set<MemberKind> memberKinds = EnumSet.noneOf(MemberKind.class);
        private final Set<Operation> operations = EnumSet.noneOf(Operation.class);
        private final Set<Class<? extends GroupRef>> groupRefTypes = new LinkedHashSet<>();
        private int maxBatchSize = 1;
        private @Nullable Set<EventKind> eventKinds; // null: what listing comparison shows

        private Builder() {
        }

        /**
         * Declares member kinds.
         *
         * @param kinds the kinds
         * @return this builder
         */
        public Builder memberKinds(MemberKind... kinds) {
            memberKinds.addAll(Set.of(kinds));
            return this;
        }

        /**
         * Declares operations.
         *
         * @param ops the operations
         * @return this builder
         */
        public Builder operations(Operation... ops) {
            operations.addAll(Set.of(ops));
            return this;
        }

        /**
         * Declares a group reference type.
         *
         * @param type the type
         * @return this builder
         */
        public Builder groupRefType(Class<? extends GroupRef> type) {
            groupRefTypes.add(Objects.requireNonNull(type, "type must not be null"));
            return this;
        }

        /**
         * Declares batch adds of up to {@code size} people per request (and {@link Operation#ADD_BATCH}).
         *
         * @param size at least 2
         * @return this builder
         */
        public Builder batches(int size) {
            if (size < 2) {
                throw new IllegalArgumentException("expected a batch size of at least 2, got " + size);
            }
            maxBatchSize = size;
            operations.add(Operation.ADD_BATCH);
            return this;
        }

        /**
         * Declares the kinds of event a watch can report, replacing the default (what listing
         * comparison shows when {@link Operation#MEMBERS} is declared: joins, leaves, role changes).
         *
         * @param kinds the kinds
         * @return this builder
         */
        public Builder eventKinds(EventKind... kinds) {
            Set<EventKind> set = EnumSet.noneOf(EventKind.class);
            set.addAll(Set.of(kinds));
            eventKinds = set;
            return this;
        }

        /**
         * Builds the capabilities.
         *
         * @return the capabilities
         */
        public Capabilities build() {
            return new Capabilities(memberKinds, operations, groupRefTypes, maxBatchSize,
                    eventKinds != null ? eventKinds : observable(operations));
        }
    }
}
