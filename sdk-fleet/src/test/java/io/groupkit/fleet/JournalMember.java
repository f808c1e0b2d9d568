package io.groupkit.fleet;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.journal.BulkJournal;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker running one journaled bulk job as its own JVM, to be killed and run again: adds people
 * to a Green-API simulator's group (unpaced: the simulator does not enforce rates here, and the
 * run should be quick), journaled in a file or in PostgreSQL.
 */
public final class JournalMember {
    private JournalMember() {
    }

    /**
     * Runs the job and prints what the report says.
     *
     * @param args the journal ({@code file:PATH} or a JDBC URL), API URL, instance id, token, group id,
     *     first person's number, how many, job id, the lease in seconds (PostgreSQL), whether to wait for a go
     */
    public static void main(String[] args) throws Exception {
        BulkJournal journal = args[0].startsWith("file:") ? BulkJournal.file(Path.of(args[0].substring(5)))
                : JdbcBulkJournal.postgres(Postgres.dataSource(args[0]), Duration.ofSeconds(Long.parseLong(args[8])));
        RateLimiter unpaced = (key, limit, now) -> Duration.ZERO;
        Policies policies = Policies.builder().rateLimiter(unpaced).build();
        try (GreenApiClient whatsapp = GreenApi.builder().apiUrl(args[1]).instance(args[2], args[3]).policies(policies)
                .build()) {
            if (Boolean.parseBoolean(args[9])) {
                Jvms.awaitGo();
            }
            long first = Long.parseLong(args[5]);
            List<Member> people = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(args[6]); i++) {
                people.add(Member.phone("+" + (first + i)));
            }
            BulkReport report = whatsapp.addAll(GroupRef.of(args[4]), people, BulkOptions.defaults().journal(journal, args[7]));
            BulkReport.Job job = report.job().orElseThrow();
            System.out.println("ENTRIES " + report.entries().size() + " NOT_ATTEMPTED " + report.notAttempted().size());
            System.out.println("JOB skipped=" + job.skipped() + " settled=" + job.settled() + " sent=" + job.sent()
                    + " elsewhere=" + job.elsewhere());
            System.out.println("COUNTS " + report.counts());
        }
    }
}
