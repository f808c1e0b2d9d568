package io.groupkit.greenapi;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The messenger a Green-API instance serves. The HTTP API has one shape for all of them, but the
 * products differ in what a group and a person are called, what "already a member" answers, how an
 * account is checked and how fast each method may be called; the client follows the product it is
 * built for. An instance serves one product: the console shows which.
 */
public enum GreenApiProduct {
    /** WhatsApp: people by phone ({@code 79001234567@c.us}) or {@code …@lid}, groups {@code …@g.us}. */
    WHATSAPP("whatsapp", "WhatsApp"),
    /**
     * MAX: people and groups by number ({@code "10000000"}, groups negative); a phone is looked up
     * with {@code checkAccount} (Russian and Belarusian numbers only). Requests go under {@code /v3/}.
     */
    MAX("v3", "MAX"),
    /**
     * Telegram: people by user id ({@code "10000000"}), {@code @username} or phone (both looked up
     * with {@code checkAccount}), groups and supergroups by negative number.
     */
    TELEGRAM("telegram", "Telegram"),
    /**
     * Instagram (Green-API beta): people by account id (up to 20 digits) or {@code @username}, groups by
     * a 21- to 39-digit number that does not fit a {@code long}.
     */
    INSTAGRAM("instagram", "Instagram");

    private final String typeInstance;
    private final String displayName;

    GreenApiProduct(String typeInstance, String displayName) {
        this.typeInstance = typeInstance;
        this.displayName = displayName;
    }

    /**
     * The product's name in Green-API's webhooks ({@code instanceData.typeInstance}).
     *
     * @return {@code whatsapp}, {@code v3}, {@code telegram} or {@code instagram}
     */
    public String typeInstance() {
        return typeInstance;
    }

    /**
     * The messenger's name as people write it, for messages.
     *
     * @return such as {@code MAX} or {@code WhatsApp}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Reads a product's name as a configuration file or a command line gives it: the constant's
     * name or its {@link #typeInstance()}, in any case ({@code max}, {@code v3}, {@code Telegram}).
     *
     * @param name the name
     * @return the product
     * @throws IllegalArgumentException if no product has that name (the message lists the names)
     */
    public static GreenApiProduct parse(String name) {
        Objects.requireNonNull(name, "product name must not be null");
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (GreenApiProduct p : values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(wanted) || p.typeInstance.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected a Green-API product: one of " + Arrays.stream(values())
                .map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + "; got '"
                + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'");
    }
}
