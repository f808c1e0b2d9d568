package io.groupkit.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.testing.ScriptedProvider;
import io.groupkit.core.internal.VirtualClock;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForwardingProviderTest {

    @Test
    void everyMethodOfTheSpiIsForwardedTheDefaultOnesToo() {
        List<String> missing = new ArrayList<>();
        for (Method m : MembershipProvider.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method own = ForwardingMembershipProvider.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (Modifier.isAbstract(own.getModifiers())) {
                    missing.add(m.getName() + " (abstract)");
                }
            } catch (NoSuchMethodException e) {
                missing.add(m.getName());
            }
        }
        assertEquals(List.of(), missing, "an SPI method the forwarding base does not forward falls back to its default");
    }

    @Test
    void aDecoratorThatOverridesOnlyAddKeepsTheConnectorsBatchesPrechecksAndListings() {
        VirtualClock time = VirtualClock.create();
        ScriptedProvider fake = ScriptedProvider.builder().time(time).batches(10).build();
        GroupRef group = GroupRef.of("team@g.us");
        fake.group(group);
        AtomicInteger singleAdds = new AtomicInteger();
        MembershipProvider counting = new ForwardingMembershipProvider(fake) {
            @Override
            public CompletionStage<AddResult> add(AttemptContext context, GroupRef g, Member member) {
                singleAdds.incrementAndGet();
                return super.add(context, g, member);
            }
        };
        GroupMembership client = GroupMembership.create(counting, Policies.builder().time(time).build());
        List<Member> people = IntStream.rangeClosed(1, 25).<Member>mapToObj(i -> Member.phone("+7900000" + String.format("%04d", i))).toList();

        BulkReport report = client.addAll(group, people, BulkOptions.defaults());

        assertEquals(25, report.counts().get(OutcomeKind.ADDED));
        assertEquals(3, fake.calls(Operation.ADD_BATCH).size(), "25 people in batches of 10");
        assertEquals(0, singleAdds.get(), "the batches were forwarded, not replaced by the default one-by-one add");
        assertTrue(fake.calls(Operation.PRECHECK).size() >= 25, "the pre-checks were forwarded");
        assertEquals(25, assertInstanceOf(Members.class, client.members(group)).members().size());
        assertEquals(fake.name(), counting.name());
        assertEquals(fake.capabilities(), counting.capabilities());
    }
}
