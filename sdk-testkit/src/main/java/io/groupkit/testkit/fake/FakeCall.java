package io.groupkit.testkit.fake;

import io.groupkit.core.Member;
import io.groupkit.core.spi.Operation;
import java.util.List;
import java.util.Objects;

/**
 * One call the {@link FakeProvider} received.
 *
 * @param operation what was asked
 * @param groupKey the group's key; empty for a listing of the account's groups
 * @param members the people the call was about (empty for reads, several for a batch)
 * @param attempt GroupKit's attempt number
 * @param atNanos the time source's reading when the call arrived
 */
public record FakeCall(Operation operation, String groupKey, List<Member> members, int attempt, long atNanos) {
    /**
     * Copies the list.
     *
     * @param operation the operation
     * @param groupKey the group key
     * @param members the people
     * @param attempt the attempt number
     * @param atNanos the arrival time
     */
    public FakeCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(groupKey, "groupKey");
        members = List.copyOf(members);
    }
}
