package io.groupkit.greenapi.internal;

import io.groupkit.core.policy.RateLimit;
import java.time.Duration;

/**
 * Green-API's documented per-method request rates, per instance, each slowed by a headroom factor
 * (users see 429s even at the documented rate), and the one-group-per-5-minutes rule.
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
     * The limits at a share of the documented rates.
     *
     * @param headroom from 0.1 to 1: 0.8 paces at 80 % of each documented rate
     * @param createGroupSpacing the time between two new groups
     */
    public Limits(double headroom, Duration createGroupSpacing) {
        addParticipant = perSecond("addGroupParticipant", 10, headroom);
        removeParticipant = perSecond("removeGroupParticipant", 10, headroom);
        setAdmin = perSecond("setGroupAdmin", 10, headroom);
        removeAdmin = perSecond("removeAdmin", 10, headroom);
        leaveGroup = perSecond("leaveGroup", 10, headroom);
        checkWhatsapp = perSecond("checkWhatsapp", 10, headroom);
        getGroupData = perSecond("getGroupData", 1, headroom);
        getContacts = perSecond("getContacts", 1, headroom);
        getStateInstance = perSecond("getStateInstance", 1, headroom);
        getSettings = perSecond("getSettings", 1, headroom);
        updateGroupName = perSecond("updateGroupName", 1, headroom);
        createGroup = perSecond("createGroup", 1, headroom);
        this.createGroupSpacing = RateLimit.of("createGroup-spacing", 1, createGroupSpacing);
        sendMessage = perSecond("sendMessage", 50, headroom);
        setGroupPicture = perSecond("setGroupPicture", 1, headroom);
        // addContact (beta) documents no rate: paced like the other contact methods.
        addContact = perSecond("addContact", 1, headroom);
        // getChats documents no rate (its data refreshes once a minute): paced like getContacts.
        getChats = perSecond("getChats", 1, headroom);
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

    private static RateLimit perSecond(String method, int documented, double headroom) {
        // n calls per (1 s / headroom): the documented count, spread over a longer period.
        return RateLimit.of(method, documented, Duration.ofNanos((long) Math.ceil(1e9 / headroom)));
    }
}
