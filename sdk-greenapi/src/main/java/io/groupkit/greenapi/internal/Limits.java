package io.groupkit.greenapi.internal;

import io.groupkit.core.policy.RateLimit;
import java.time.Duration;

/**
 * A product's documented per-method request rates, per instance, each slowed by a headroom factor
 * (users see 429s even at the documented rate), and the one-group-per-5-minutes rule. The rates
 * invert between products (WhatsApp: 10 adds, 1 group-data read per second; MAX and Instagram the
 * reverse), so they come from the product's {@link ProductRules}.
 */
public final class Limits {
    final RateLimit addParticipant;
    final RateLimit removeParticipant;
    final RateLimit setAdmin;
    final RateLimit removeAdmin;
    final RateLimit leaveGroup;
    final RateLimit checkWhatsapp;
    final RateLimit getGroupData;
    final RateLimit getContacts;
    final RateLimit getStateInstance;
    final RateLimit getSettings;
    final RateLimit updateGroupName;
    final RateLimit createGroup;
    final RateLimit createGroupSpacing;
    final RateLimit sendMessage;
    final RateLimit setGroupPicture;
    final RateLimit addContact;
    final RateLimit getChats;

    /**
     * The limits of a product at a share of its documented rates.
     *
     * @param rules the product's rules: its rates, or the safe reading where none is documented
     * @param headroom from 0.1 to 1: 0.8 paces at 80 % of each documented rate
     * @param createGroupSpacing the time between two new groups
     */
    public Limits(ProductRules rules, double headroom, Duration createGroupSpacing) {
        addParticipant = perSecond(rules, "addGroupParticipant", headroom);
        removeParticipant = perSecond(rules, "removeGroupParticipant", headroom);
        setAdmin = perSecond(rules, "setGroupAdmin", headroom);
        removeAdmin = perSecond(rules, "removeAdmin", headroom);
        leaveGroup = perSecond(rules, "leaveGroup", headroom);
        checkWhatsapp = perSecond(rules, rules.accountCheckMethod(), headroom);
        getGroupData = perSecond(rules, "getGroupData", headroom);
        getContacts = perSecond(rules, "getContacts", headroom);
        getStateInstance = perSecond(rules, "getStateInstance", headroom);
        getSettings = perSecond(rules, rules.ownIdMethod(), headroom);
        updateGroupName = perSecond(rules, "updateGroupName", headroom);
        createGroup = perSecond(rules, "createGroup", headroom);
        this.createGroupSpacing = RateLimit.of("createGroup-spacing", 1, createGroupSpacing);
        sendMessage = perSecond(rules, "sendMessage", headroom);
        setGroupPicture = perSecond(rules, "setGroupPicture", headroom);
        // addContact (beta) documents no rate: paced like the other contact methods.
        addContact = perSecond(rules, "addContact", headroom);
        // getChats documents no rate (its data refreshes once a minute): paced like getContacts.
        getChats = perSecond(rules, "getChats", headroom);
    }

    /**
     * The limits of {@code createGroup}: its rate and the spacing between new groups.
     *
     * @return both limits
     */
    public java.util.List<RateLimit> createGroupAll() {
        return java.util.List.of(createGroupSpacing, createGroup);
    }

    /**
     * The limit of {@code updateGroupName}.
     *
     * @return the limit
     */
    public RateLimit updateGroupNameLimit() {
        return updateGroupName;
    }

    /**
     * The limit of {@code setGroupPicture}.
     *
     * @return the limit
     */
    public RateLimit setGroupPictureLimit() {
        return setGroupPicture;
    }

    /**
     * The limit of {@code leaveGroup}.
     *
     * @return the limit
     */
    public RateLimit leaveGroupLimit() {
        return leaveGroup;
    }

    /**
     * The limit of an admin method.
     *
     * @param method {@code setGroupAdmin} or {@code removeAdmin}
     * @return the limit
     */
    public RateLimit adminLimit(String method) {
        return "setGroupAdmin".equals(method) ? setAdmin : removeAdmin;
    }

    private static RateLimit perSecond(ProductRules rules, String method, double headroom) {
        // n calls per (1 s / headroom): the documented count, spread over a longer period.
        return RateLimit.of(method, rules.rate(method).perSecond(), Duration.ofNanos((long) Math.ceil(1e9 / headroom)));
    }
}
