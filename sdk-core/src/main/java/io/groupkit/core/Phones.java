package io.groupkit.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How an application reads the phone numbers its people give: set once (a company whose customers
 * write {@code 8 (900) 123-45-67} sets {@code RU}) and used wherever a number arrives — a form,
 * a CRM export, a CSV file. A number with a leading {@code +} is read as international whatever
 * the region. Immutable and thread-safe.
 *
 * <p>The Spring Boot starter makes one from {@code groupkit.phone-region}; the CLI from
 * {@code --region} or {@code GROUPKIT_REGION}.
 */
public final class Phones {
    private static final Phones INTERNATIONAL = new Phones(null);

    private final @Nullable String region;

    private Phones(@Nullable String region) {
        this.region = region;
    }

    /**
     * International numbers only, as {@link Member#phone(String)} reads them.
     *
     * @return the reader
     */
    public static Phones international() {
        return INTERNATIONAL;
    }

    /**
     * Numbers as dialled in {@code region}, and international ones.
     *
     * @param region an ISO 3166 two-letter code such as {@code RU}, {@code KZ} or {@code DE}, any case
     * @return the reader
     * @throws IllegalArgumentException if the region has no phone numbers or is not such a code
     */
    public static Phones region(String region) {
        Objects.requireNonNull(region, "region must not be null");
        String code = region.strip().toUpperCase(Locale.ROOT);
        PhoneNumbers.checkRegion(code, region);
        return new Phones(code);
    }

    /**
     * Reads one number.
     *
     * @param number as the person wrote it
     * @return the phone
     * @throws IllegalArgumentException if it is not a valid number (the message shows its shape only)
     */
    public Member.Phone parse(String number) {
        return region == null ? Member.phone(number) : Member.phone(number, region);
    }

    /**
     * The region national numbers are read in.
     *
     * @return the ISO 3166 code, or empty for international numbers only
     */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    @Override
    public String toString() {
        return region == null ? "Phones[international]" : "Phones[" + region + "]";
    }
}
