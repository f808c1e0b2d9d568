package io.groupkit.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.Prechecks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A provider implements {@code add} alone; everything else has an answer by default. */
class SpiDefaultsTest {
    private static final GroupRef GROUP = GroupRef.of("g");
    private static final Member PERSON = Member.phone("+79000000001");

    /** Declares whatever it is given, implements add only. */
    private static MembershipProvider addOnly(Operation... declared) {
        return new MembershipProvider() {
            @Override
            public String name() {
                return "AddOnly";
            }

            @Override
            public Capabilities capabilities() {
                return Capabilities.builder().memberKinds(MemberKind.PHONE).groupRefType(GroupRef.class)
                        .operations(declared).build();
            }

            @Override
            public CompletionStage<AddResult> add(AttemptContext c, GroupRef g, Member m) {
                return CompletableFuture.completedFuture(new Added(ProviderDetail.of(name(), "OK")));
            }
        };
    }

    @Test
    void aProviderWithAddAloneAnswersUnsupportedForTheRest() {
        try (GroupMembership client = GroupMembership.create(addOnly(Operation.ADD), Policies.builder().build())) {
            assertInstanceOf(Added.class, client.add(GROUP, PERSON));
            assertInstanceOf(Unsupported.class, client.remove(GROUP, PERSON));
            assertInstanceOf(Unsupported.class, client.inviteLink(GROUP));
            assertInstanceOf(Unsupported.class, client.members(GROUP));
        }
    }

    /** Declared but not implemented (a provider's bug): the default still answers, naming the provider. */
    @Test
    void theDefaultsNameTheProviderAndWhatItCannotDo() {
        MembershipProvider p = addOnly(Operation.ADD, Operation.REMOVE, Operation.MEMBERS, Operation.INVITE_LINK);
        try (GroupMembership client = GroupMembership.create(p, Policies.builder().prechecks(Prechecks.OFF).build())) {
            Unsupported remove = assertInstanceOf(Unsupported.class, client.remove(GROUP, PERSON));
            assertEquals("AddOnly", remove.detail().provider());
            assertTrue(remove.detail().description().contains("AddOnly cannot remove members"),
                    remove.detail().description());
            Unsupported link = assertInstanceOf(Unsupported.class, client.inviteLink(GROUP));
            assertTrue(link.detail().description().contains("cannot give invite links"), link.detail().description());
            Unsupported members = assertInstanceOf(Unsupported.class, client.members(GROUP));
            assertTrue(members.detail().description().contains("cannot list members"), members.detail().description());
        }
    }
}
