package io.groupkit.greenapi.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.Added;
import io.groupkit.core.Groups;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.time.VirtualTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One simulator process, four instances (one per product) and four clients adding and listing at
 * the same time: each instance ends with exactly what its own client did, and no request names
 * another product's group or people. Rates are not enforced: four clients share one virtual clock
 * (ProductRatesTest proves the rates).
 */
class ProductsSideBySideTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PEOPLE = 12;
    private static final Map<GreenApiProduct, String> INSTANCES = Map.of(
            GreenApiProduct.WHATSAPP, "1101000001", GreenApiProduct.MAX, "3100000001",
            GreenApiProduct.TELEGRAM, "4100000001", GreenApiProduct.INSTAGRAM, "5100000001");

    @Test
    void fourProductsOnOneSimulatorNeverSeeEachOthersGroupsOrPeople() throws Exception {
        VirtualTime time = VirtualTime.create();
        Map<GreenApiProduct, ProductFixture> fixtures = new EnumMap<>(GreenApiProduct.class);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (GreenApiSimulator sim = GreenApiSimulator.start(time, GreenApiSimulator.Rates.IGNORED)) {
            for (GreenApiProduct p : GreenApiProduct.values()) {
                fixtures.put(p, new ProductFixture(sim, time, p, INSTANCES.get(p)));
            }
            CountDownLatch go = new CountDownLatch(1);
            Map<GreenApiProduct, Future<Set<String>>> listed = new EnumMap<>(GreenApiProduct.class);
            for (ProductFixture f : fixtures.values()) {
                listed.put(f.product, callers.submit(() -> {
                    go.await();
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < PEOPLE; i++) {
                        Member m = ProductFixture.person(f.product, i);
                        assertInstanceOf(Added.class, f.client.add(f.group, m), f.product + " add");
                        // listings interleave with the other clients' adds
                        Members now = assertInstanceOf(Members.class, f.client.members(f.group), f.product + " listing");
                        now.members().forEach(gm -> seen.add(gm.member().value()));
                    }
                    Groups groups = assertInstanceOf(Groups.class, f.client.groups(), f.product + " groups");
                    assertEquals(List.of(f.group.key()), groups.groups().stream().map(g -> g.group().key()).toList(),
                            f.product + " lists only its own group");
                    return seen;
                }));
            }
            go.countDown();

            for (ProductFixture f : fixtures.values()) {
                Set<String> seen = listed.get(f.product).get(30, TimeUnit.SECONDS);
                Set<String> mine = IntStream.range(0, PEOPLE).mapToObj(i -> ProductFixture.listedId(f.product,
                        ProductFixture.person(f.product, i))).collect(Collectors.toSet());
                Set<String> expected = new HashSet<>(mine);
                expected.add(f.instance.ownId());
                assertEquals(expected, f.instance.members(f.group.key()), f.product + ": the simulator's members");
                assertEquals(Set.of(f.group.key()), f.instance.groupIds(), f.product + ": the simulator's groups");
                assertEquals(PEOPLE, f.instance.effectiveAdds(f.group.key()).size());

                Set<String> others = new HashSet<>(seen);
                others.removeAll(expected);
                assertTrue(others.isEmpty(), () -> f.product + "'s client listed people of another product: " + others);

                List<GreenApiSimulator.Request> requests = f.instance.requests();
                assertTrue(requests.size() >= 2 * PEOPLE, f.product + ": its adds and listings reached its instance");
                for (GreenApiSimulator.Request r : requests) {
                    assertEquals(INSTANCES.get(f.product), r.instance());
                    for (String name : names(r.body())) {
                        assertTrue(name.equals(f.group.key()) || expected.contains(name),
                                () -> f.product + "'s " + r.method() + " names something not its own: " + name);
                    }
                }
            }
            assertEquals(sim.requests().size(), fixtures.values().stream().mapToInt(f -> f.instance.requests().size()).sum(),
                    "every request belongs to exactly one instance");
        } finally {
            callers.shutdownNow();
        }
    }

    /** The group and person ids a request body names. */
    private static List<String> names(String body) throws Exception {
        List<String> names = new ArrayList<>();
        if (body.isBlank()) {
            return names;
        }
        JsonNode json = JSON.readTree(body);
        for (String field : List.of("groupId", "chatId", "participantChatId")) {
            if (json.path(field).isTextual()) {
                names.add(json.path(field).asText());
            }
        }
        if (json.path("participantPhone").isIntegralNumber()) {
            names.add(json.path("participantPhone").asText() + "@c.us");
        }
        return names;
    }
}
