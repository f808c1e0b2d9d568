package io.groupkit.examples.cli;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Outcome;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A client ready for the command, what closes with it (a simulator, a connection), and how this
 * provider checks its credentials.
 *
 * @param client the client
 * @param check the credential check, given the command's group if any
 * @param resources closed when the command ends
 * @param groups turns a group as typed into the one to call (a simulator fills in its own access hashes)
 * @param people the same for people
 */
record Connection(GroupMembership client, Function<Optional<GroupRef>, Outcome> check, AutoCloseable resources,
                  UnaryOperator<GroupRef> groups, UnaryOperator<Member> people, String endpoint) implements AutoCloseable {
    Connection(GroupMembership client, Function<Optional<GroupRef>, Outcome> check, AutoCloseable resources) {
        this(client, check, resources, g -> g, m -> m, client.provider());
    }

    /**
     * This connection, saying where it goes in messages.
     *
     * @param where the host (and port), never a path or a secret
     * @return a copy
     */
    Connection at(String where) {
        return new Connection(client, check, resources, groups, people, where);
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            // closing a simulator or a socket at exit: nothing to report
        }
    }
}
