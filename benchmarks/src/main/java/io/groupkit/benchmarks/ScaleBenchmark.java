package io.groupkit.benchmarks;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.fake.FakeProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A bulk add of 1,000 / 10,000 / 100,000 people against the fake provider on virtual time: the
 * cost of GroupKit's bulk machinery alone (pre-check, attempt, outcome, report). Time and
 * allocation per person should stay flat as the run grows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ScaleBenchmark {
    /** People in the run. */
    @Param({"1000", "10000", "100000"})
    public int people;

    private List<Member> members;
    private GroupMembership client;
    private final GroupRef group = GroupRef.of("team@g.us");

    /** Makes the people list once per trial. */
    @Setup(Level.Trial)
    public void people() {
        members = IntStream.range(0, people).<Member>mapToObj(i -> Member.phone(String.format("+7901%07d", i))).toList();
    }

    /** A fresh fake and client before each run, so every run adds everyone anew. */
    @Setup(Level.Invocation)
    public void fresh() {
        VirtualTime time = VirtualTime.create();
        FakeProvider fake = FakeProvider.builder().time(time).build();
        fake.group(group);
        client = GroupMembership.create(fake, Policies.builder().time(time).build());
    }

    /**
     * The bulk run.
     *
     * @return the report
     */
    @Benchmark
    public BulkReport bulkAdd() {
        return client.addAll(group, members, BulkOptions.defaults().concurrency(1));
    }
}
