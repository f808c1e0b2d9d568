package io.groupkit.core.spi;

import io.groupkit.core.GroupRef;
import io.groupkit.core.MemberKind;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider can do. GroupKit checks calls against it: a member kind or group reference the
 * provider cannot take is the caller's bug and throws; an operation the provider lacks is the
 * outcome {@link io.groupkit.core.Unsupported}.
 *
 * @param memberKinds the kinds of member the provider takes
 * @param operations the operations it supports
 * @param groupRefTypes the kinds of group reference it takes
 * @param maxBatchSize how many adds fit in one batch request; 1 when it has no batches
 */
public record Capabilities(Set<MemberKind> memberKinds, Set<Operation> operations,
                           Set<Class<? extends GroupRef>> groupRefTypes, int maxBatchSize) {
    /**
     * Checks the fields and copies the sets.
     *
     * @param memberKinds member kinds; not empty
     * @param operations operations
     * @param groupRefTypes group reference types; not empty
     * @param maxBatchSize at least 1
     */
    public Capabilities {
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
         * Builds the capabilities.
         *
         * @return the capabilities
         */
        public Capabilities build() {
            return new Capabilities(memberKinds, operations, groupRefTypes, maxBatchSize);
        }
    }
}
