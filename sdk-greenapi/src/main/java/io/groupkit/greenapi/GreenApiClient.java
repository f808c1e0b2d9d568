package io.groupkit.greenapi;

import io.groupkit.core.ActionResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.spi.ProviderClient;
import io.groupkit.core.spi.Effect;
import io.groupkit.greenapi.internal.ProductRules;
import io.groupkit.greenapi.internal.GreenApiProvider;
import io.groupkit.greenapi.internal.GroupOperations;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Group membership at one Green-API instance, plus WhatsApp's other group methods. Immutable and
 * thread-safe: build one per instance with {@link GreenApi#builder()} and share it.
 *
 * <p>Every method's outcome is a value; see {@link io.groupkit.core.GroupMembership} for the common ones. The extra
 * methods answer {@link ActionResult}: {@link io.groupkit.core.Done} on success, or the shared
 * failures ({@link io.groupkit.core.AccessDenied}, {@link io.groupkit.core.RateLimited}, ...).
 */
public final class GreenApiClient extends ProviderClient {
    private final GroupOperations operations;

    GreenApiClient(GreenApiProvider provider, GroupOperations operations, Policies policies) {
        super(provider, policies);
        this.operations = operations;
    }

    // ---- WhatsApp's other group methods ----

    /**
     * Creates a group ({@code createGroup}). Every number is checked with {@code checkWhatsapp}
     * first and nothing is sent if one has no WhatsApp; new groups are spaced by
     * {@link GreenApi.Builder#createGroupSpacing} (5 minutes by default); a failure after sending
     * is {@link io.groupkit.core.Indeterminate} and never retried, since the group may exist.
     *
     * @param name the group's name, 1 to 100 characters
     * @param members the first members, at least one (two different ones on Instagram)
     * @return {@link io.groupkit.core.GroupCreated}, {@link io.groupkit.core.NotRegistered}, or a failure
     */
    public CompletableFuture<ActionResult> createGroupAsync(String name, List<? extends Member> members) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(members, "members must not be null");
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("expected a group name of 1 to 100 characters, got " + name.length());
        }
        List<Member> people = List.copyOf(members);
        if (people.isEmpty()) {
            throw new IllegalArgumentException("expected at least one member: " + rules().label() + " creates no empty groups");
        }
        // Instagram makes no group of fewer than two people besides the instance, duplicates not counted.
        if (people.stream().distinct().count() < rules().minNewGroupMembers()) {
            throw new IllegalArgumentException("expected at least " + rules().minNewGroupMembers() + " different members: "
                    + rules().label() + " creates no group with fewer, got " + people.stream().distinct().count());
        }
        people.forEach(this::checkMember);
        return execute("createGroup", operations.limits().createGroupAll(), Effect.CREATES,
                ctx -> operations.createGroup(ctx, name, people));
    }

    /**
     * {@link #createGroupAsync}, waiting for the outcome.
     *
     * @param name the group's name
     * @param members the first members
     * @return the outcome
     */
    public ActionResult createGroup(String name, List<? extends Member> members) {
        return createGroupAsync(name, members).join();
    }

    /**
     * Renames a group ({@code updateGroupName}).
     *
     * @param group the group
     * @param name the new name, 1 to 100 characters
     * @return {@link io.groupkit.core.Done} or a failure
     */
    public ActionResult rename(GroupRef group, String name) {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("expected a group name of 1 to 100 characters, got " + name.length());
        }
        checkGroup(group);
        return executeAndWait("updateGroupName", List.of(operations.limits().updateGroupNameLimit()), Effect.CHANGES,
                ctx -> operations.groupAction(ctx, "updateGroupName", rules().groupBody(group, "groupName", name),
                        "updateGroupName"));
    }

    /**
     * Makes a member an admin ({@code setGroupAdmin}).
     *
     * @param group the group
     * @param member the member
     * @return {@link io.groupkit.core.Done}, {@link io.groupkit.core.NotFound} of the member, or a failure
     */
    public ActionResult setAdmin(GroupRef group, Member member) {
        return adminAction(group, member, "setGroupAdmin", "setGroupAdmin");
    }

    /**
     * Takes a member's admin rights away ({@code removeAdmin}).
     *
     * @param group the group
     * @param member the member
     * @return {@link io.groupkit.core.Done}, {@link io.groupkit.core.NotFound} of the member, or a failure
     */
    public ActionResult removeAdmin(GroupRef group, Member member) {
        return adminAction(group, member, "removeAdmin", "removeAdmin");
    }

    /**
     * Sets a group's picture ({@code setGroupPicture}).
     *
     * @param group the group
     * @param jpeg the picture, a JPEG file
     * @return {@link io.groupkit.core.Done}, {@link io.groupkit.core.NotFound} of the group, or a failure
     */
    public ActionResult setGroupPicture(GroupRef group, byte[] jpeg) {
        checkGroup(group);
        Objects.requireNonNull(jpeg, "jpeg must not be null");
        if (jpeg.length < 3 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8 || (jpeg[2] & 0xff) != 0xff) {
            throw new IllegalArgumentException("expected the bytes of a JPEG file (starting FF D8 FF), got "
                    + jpeg.length + " bytes of something else");
        }
        byte[] copy = jpeg.clone();
        return executeAndWait("setGroupPicture", List.of(operations.limits().setGroupPictureLimit()), Effect.SAFE_TO_REPEAT,
                ctx -> operations.setGroupPicture(ctx, group, copy));
    }

    /**
     * Leaves a group ({@code leaveGroup}).
     *
     * @param group the group
     * @return {@link io.groupkit.core.Done} or a failure
     */
    public ActionResult leave(GroupRef group) {
        checkGroup(group);
        return executeAndWait("leaveGroup", List.of(operations.limits().leaveGroupLimit()), Effect.CHANGES,
                ctx -> operations.groupAction(ctx, "leaveGroup", rules().groupBody(group), "leaveGroup"));
    }

    /**
     * Whether a number has WhatsApp ({@code checkWhatsapp}, cached).
     *
     * @param phone the number
     * @return {@link io.groupkit.core.Done} if it has, {@link io.groupkit.core.NotRegistered} if not, or a failure
     */
    public ActionResult checkWhatsapp(Member.Phone phone) {
        Objects.requireNonNull(phone, "phone must not be null");
        if (product() != GreenApiProduct.WHATSAPP) {
            throw new IllegalStateException("checkWhatsapp is WhatsApp's: this client is for " + product().displayName()
                    + "; use checkAccount");
        }
        return executeAndWait("checkWhatsapp", List.of(), Effect.SAFE_TO_REPEAT, ctx -> operations.checkWhatsapp(ctx, phone));
    }

    /**
     * Whether a person has an account of the client's product: {@code checkWhatsapp} on WhatsApp,
     * {@code checkAccount} elsewhere (Telegram by phone or username, MAX by a Russian or Belarusian
     * phone, Instagram by id or username), cached. An id the product's check cannot take (a MAX or
     * Telegram user id) is answered {@link io.groupkit.core.Done} with code {@code NOT_CHECKED}.
     *
     * @param member the person, of one of the product's member kinds
     * @return {@link io.groupkit.core.Done} if they have, {@link io.groupkit.core.NotRegistered} if not, or a failure
     */
    public ActionResult checkAccount(Member member) {
        checkMember(member);
        return executeAndWait(rules().accountCheckMethod(), List.of(), Effect.SAFE_TO_REPEAT,
                ctx -> operations.checkAccount(ctx, member));
    }

    /**
     * The messenger this client's instance serves.
     *
     * @return the product given to the builder
     */
    public GreenApiProduct product() {
        return rules().product();
    }

    /**
     * The instance's state ({@code getStateInstance}).
     *
     * @return {@link io.groupkit.core.AccountStatus} or a failure
     */
    public ActionResult state() {
        return executeAndWait("getStateInstance", List.of(), Effect.SAFE_TO_REPEAT, operations::state);
    }

    private ActionResult adminAction(GroupRef group, Member member, String method, String field) {
        checkGroup(group);
        checkMember(member);
        return executeAndWait(method, List.of(operations.limits().adminLimit(method)), Effect.CHANGES,
                ctx -> operations.personAction(ctx, method, group, member, field));
    }

    private void checkGroup(GroupRef group) {
        Objects.requireNonNull(group, "group must not be null");
        rules().checkGroup(group);
    }

    private void checkMember(Member member) {
        Objects.requireNonNull(member, "member must not be null");
        if (!capabilities().memberKinds().contains(member.kind())) {
            throw new IllegalArgumentException("green-api (" + product().displayName() + ") takes members of kind "
                    + new java.util.TreeSet<>(capabilities().memberKinds()) + ", got " + member.kind());
        }
        rules().checkPerson(member);
    }

    private ProductRules rules() {
        return operations.rules();
    }

    @Override
    public String toString() {
        return "GreenApiClient[" + operations + "]";
    }
}
