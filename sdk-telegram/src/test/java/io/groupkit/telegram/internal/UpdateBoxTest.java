package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.telegram.internal.UpdatesTl.PtsUpdate;
import io.groupkit.telegram.internal.UpdatesTl.Pushed;
import io.groupkit.telegram.internal.UpdatesTl.ServiceMessage;
import io.groupkit.telegram.internal.UpdatesTl.State;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The update box applies pushes by the protocol's rules, and answers a cursor only with what it can
 * vouch for: from state pts 100, seq 5, each push below says what a read from pts 100 then gets.
 */
class UpdateBoxTest {
    private static final State START = new State(100, 0, 1_700_000_000, 5);

    static Stream<Arguments> pushes() {
        return Stream.of(
                Arguments.of("the next pts and seq: applied", List.of(push(6, upd(101, 1, 1))), "101/6 [1]"),
                Arguments.of("two in order", List.of(push(6, upd(101, 1, 1)), push(7, upd(102, 1, 2))), "102/7 [1, 2]"),
                Arguments.of("a duplicate is ignored", List.of(push(6, upd(101, 1, 1)), push(6, upd(101, 1, 1))),
                        "101/6 [1]"),
                Arguments.of("a pts gap: the server is asked", List.of(push(6, upd(102, 1, 2))), "none"),
                Arguments.of("a seq gap: the server is asked", List.of(push(7, upd(101, 1, 1))), "none"),
                Arguments.of("a pts_count of 2 that follows on", List.of(push(6, upd(102, 2, 2))), "102/6 [2]"),
                Arguments.of("unordered (seq 0) moves pts only", List.of(push(0, upd(101, 1, 1))), "101/5 [1]"),
                Arguments.of("updatesTooLong: the server is asked", List.of(new Pushed(0, 0, 0, List.of(), true)), "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushes")
    void pushesAreAppliedByThePtsAndSeqRules(String name, List<Pushed> pushes, String expected) {
        UpdateBox box = new UpdateBox(io.groupkit.testkit.time.VirtualTime.create());
        box.adopt(START);
        pushes.forEach(box::pushed);
        Optional<UpdateBox.Covered> c = box.since(START);
        assertEquals(expected, c.map(UpdateBoxTest::describe).orElse("none"));
    }

    @org.junit.jupiter.api.Test
    void whatTheBoxCannotVouchForIsAskedOfTheServer() {
        io.groupkit.testkit.time.VirtualTime time = io.groupkit.testkit.time.VirtualTime.create();
        UpdateBox box = new UpdateBox(time);
        assertEquals(Optional.empty(), box.since(START), "no state adopted yet");
        box.adopt(START);
        box.pushed(push(6, upd(101, 1, 1)));
        assertEquals(Optional.empty(), box.since(new State(99, 0, 0, 5)), "a cursor from before the state adopted");
        assertEquals(Optional.empty(), box.since(new State(102, 0, 0, 5)), "a cursor ahead of the box");
        assertEquals("101/6 []", describe(box.since(new State(101, 0, 0, 6)).orElseThrow()));
        box.lost();
        assertEquals(Optional.empty(), box.since(START), "a lost connection");
        box.adopt(START);
        for (int i = 1; i <= UpdateBox.KEPT + 1; i++) {
            box.pushed(push(0, upd(100 + i, 1, i)));
        }
        assertEquals(Optional.empty(), box.since(START), "the oldest message kept is no longer the first after it");
        assertEquals(UpdateBox.KEPT, box.since(new State(101, 0, 0, 5)).orElseThrow().messages().size());
        time.advance(UpdateBox.MAX_SILENCE.plusSeconds(1));
        assertEquals(Optional.empty(), box.since(new State(101, 0, 0, 5)), "a silent connection may be a dead one");
    }

    private static Pushed push(int seq, PtsUpdate... updates) {
        return new Pushed(seq, seq, 1_700_000_100, List.of(updates), false);
    }

    private static PtsUpdate upd(int pts, int count, int messageId) {
        return new PtsUpdate(pts, count, Optional.of(new ServiceMessage(5001, messageId, 1_700_000_100, 150,
                new UpdatesTl.DeleteUser(150))));
    }

    private static String describe(UpdateBox.Covered c) {
        return c.state().pts() + "/" + c.state().seq() + " " + c.messages().stream().map(ServiceMessage::messageId).toList();
    }
}
