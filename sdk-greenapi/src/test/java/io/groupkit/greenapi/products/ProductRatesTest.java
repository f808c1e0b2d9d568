package io.groupkit.greenapi.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.time.VirtualTime;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Per product, a 200-person bulk add against a simulator that answers 429 above the product's
 * documented rates (MAX and Instagram: 1 add per second; Telegram: 1 per second for every group
 * method, its table being cut before them): the client's pacing earns no 429. On virtual time, so
 * 200 seconds of pacing take no wall time; one call at a time, since calls under way on other
 * threads would move the shared clock before a request is stamped (see PacingTest).
 */
class ProductRatesTest {
    private static final int PEOPLE = 200;

    /** A bulk of one kind of member the product takes. */
    enum Case {
        MAX_IDS(GreenApiProduct.MAX, n -> Member.userId(String.valueOf(20_000_000L + n))),
        // Phones are looked up with checkAccount first (undocumented rate: 1 per second on both sides).
        MAX_PHONES(GreenApiProduct.MAX, n -> Member.phone(String.format("+7 900 %07d", n))),
        TELEGRAM_IDS(GreenApiProduct.TELEGRAM, n -> Member.userId(String.valueOf(30_000_000L + n))),
        TELEGRAM_USERNAMES(GreenApiProduct.TELEGRAM, n -> Member.username("tg_person_" + n)),
        INSTAGRAM_IDS(GreenApiProduct.INSTAGRAM, n -> Member.userId(String.valueOf(49_547_000_000L + n))),
        // Sent as participantChatId "@name", with no look-up.
        INSTAGRAM_USERNAMES(GreenApiProduct.INSTAGRAM, n -> Member.username("ig.person_" + n));

        final GreenApiProduct product;
        final IntFunction<Member> person;

        Case(GreenApiProduct product, IntFunction<Member> person) {
            this.product = product;
            this.person = person;
        }
    }

    private static int busiestSecond(List<GreenApiSimulator.Request> requests) {
        List<Long> t = requests.stream().map(GreenApiSimulator.Request::atNanos).sorted().toList();
        int max = 0;
        int j = 0;
        for (int i = 0; i < t.size(); i++) {
            while (j < t.size() && t.get(j) < t.get(i) + 1_000_000_000L) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void twoHundredAddsAtTheProductsRatesEarnNo429(Case c) {
        VirtualTime time = VirtualTime.create();
        try (GreenApiSimulator sim = GreenApiSimulator.start(time)) {
            ProductFixture f = new ProductFixture(sim, time, c.product, "7104000001");
            List<Member> people = IntStream.range(0, PEOPLE).mapToObj(c.person).toList();
            long start = time.nanoTime();

            BulkReport report = f.client.addAll(f.group, people, BulkOptions.defaults().concurrency(1));

            assertEquals(PEOPLE, report.count(OutcomeKind.ADDED), () -> report.counts().toString());
            assertEquals(0, sim.rateRejections(), "the client kept the product's rates");
            List<GreenApiSimulator.Request> adds = sim.requests("addGroupParticipant");
            assertEquals(PEOPLE, adds.size(), "one add per person: no retries");
            assertEquals(1, busiestSecond(adds), "at most one add in any second");
            assertEquals(PEOPLE + 1, f.instance.members(f.group.key()).size(), "everyone is in the group, with the instance");
            assertEquals(PEOPLE, f.instance.effectiveAdds(f.group.key()).size());
            if (c == Case.MAX_PHONES || c == Case.TELEGRAM_USERNAMES) {
                List<GreenApiSimulator.Request> lookups = sim.requests("checkAccount");
                assertEquals(PEOPLE, lookups.size(), "each phone or username looked up once");
                assertEquals(1, busiestSecond(lookups));
            }
            // Paced at 80 % of 1 per second: 200 adds take at least 199 × 1.25 s of virtual time.
            assertTrue(time.nanoTime() - start >= 199 * 1_250_000_000L, "the bulk was paced, not sent at once");
        }
    }
}
