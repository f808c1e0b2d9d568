package io.groupkit.greenapi;

import io.groupkit.core.time.TimeSource;
import io.groupkit.http.internal.SecureUrls;
import io.groupkit.http.HttpProviderBuilder;
import io.groupkit.greenapi.internal.Diagnosis;
import io.groupkit.greenapi.internal.GreenApiAnswers;
import io.groupkit.greenapi.internal.GreenApiProvider;
import io.groupkit.greenapi.internal.GroupDataCache;
import io.groupkit.greenapi.internal.GroupOperations;
import io.groupkit.greenapi.internal.InstanceChecks;
import io.groupkit.greenapi.internal.Limits;
import io.groupkit.greenapi.internal.ProductRules;
import io.groupkit.greenapi.internal.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the Green-API adapter.
 *
 * <pre>{@code
 * GreenApiClient whatsapp = GreenApi.builder()
 *         .apiUrl("https://7103.api.greenapi.com")                    // the instance's own host
 *         .instance("7103000001", System.getenv("GREEN_API_TOKEN"))
 *         .build();
 * }</pre>
 */
public final class GreenApi {
    private GreenApi() {
    }

    /**
     * A builder with the defaults documented on its setters.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GreenApiClient}; not thread-safe, and it never shows the token. */
    public static final class Builder extends HttpProviderBuilder<Builder> {
        private @Nullable String apiUrl;
        private @Nullable String idInstance;
        private @Nullable String apiTokenInstance;
        private Duration createGroupSpacing = Duration.ofMinutes(5);
        private Duration groupDataTtl = Duration.ofSeconds(30);
        private Duration contactsTtl = Duration.ofMinutes(5);
        private Duration checkTtl = Duration.ofHours(24);
        private int maxBodyBytes = 4 * 1024 * 1024;
        private @Nullable String inviteMessage;
        private GreenApiProduct product = GreenApiProduct.WHATSAPP;
        private @Nullable String pathPrefix;
        private @Nullable String saveContactsAs;

        private Builder() {
            super(Duration.ofSeconds(30));
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The instance's API host, as the Green-API console shows it (such as
         * {@code https://7103.api.greenapi.com}). Required: no host is guessed.
         *
         * @param url an https URL (http only for loopback test servers)
         * @return this builder
         */
        public Builder apiUrl(String url) {
            Objects.requireNonNull(url, "apiUrl must not be null");
            String trimmed = url.strip().replaceAll("/+$", "");
            URI uri = SecureUrls.require(trimmed, "apiUrl", "https://7103.api.greenapi.com");
            if (uri.getPath() != null && !uri.getPath().isEmpty()) {
                throw new IllegalArgumentException("expected apiUrl without a path, such as https://7103.api.greenapi.com");
            }
            this.apiUrl = trimmed;
            return this;
        }

        /**
         * The instance's credentials from the Green-API console.
         *
         * @param id the idInstance (digits)
         * @param apiToken the apiTokenInstance (a secret: it never appears in logs, messages or toString)
         * @return this builder
         */
        public Builder instance(String id, String apiToken) {
            Objects.requireNonNull(id, "idInstance must not be null");
            Objects.requireNonNull(apiToken, "apiTokenInstance must not be null");
            if (!id.strip().matches("[0-9]{1,20}")) {
                throw new IllegalArgumentException("expected idInstance to be the instance's digits, such as 7103000001");
            }
            if (apiToken.isBlank() || !apiToken.strip().matches("[A-Za-z0-9_-]+")) {
                // The token goes into the URL path: anything else would change the URL.
                throw new IllegalArgumentException("expected apiTokenInstance to be the console's token (letters and digits)");
            }
            this.idInstance = id.strip();
            this.apiTokenInstance = apiToken.strip();
            return this;
        }

        /**
         * The messenger the instance serves. Default {@link GreenApiProduct#WHATSAPP}. The product
         * decides how groups and people are named and checked before anything is sent, how the
         * answers read, and the pacing: MAX and Instagram take 1 add and 10 group-data reads per
         * second where WhatsApp takes 10 and 1; Telegram documents no group rates, so it is paced
         * at 1 per second per method.
         *
         * @param product the product the Green-API console shows for the instance
         * @return this builder
         */
        public Builder product(GreenApiProduct product) {
            this.product = Objects.requireNonNull(product, "product must not be null");
            return this;
        }

        /**
         * The path before {@code /waInstance…}. Default {@code /v3} for MAX (its documents put every
         * method under it, and call it optional since), nothing for the other products.
         *
         * @param prefix {@code /v3}, or an empty string for none
         * @return this builder
         */
        public Builder pathPrefix(String prefix) {
            Objects.requireNonNull(prefix, "pathPrefix must not be null");
            String p = prefix.strip().replaceAll("/+$", "");
            if (!p.isEmpty() && !p.matches("(/[A-Za-z0-9._-]+)+")) {
                throw new IllegalArgumentException("expected a path prefix such as /v3 (or an empty string), got '"
                        + (p.length() > 40 ? p.substring(0, 40) + "…" : p) + "'");
            }
            this.pathPrefix = p;
            return this;
        }

        /**
         * The least time between two new groups. Default 5 minutes, as Green-API advises.
         *
         * @param spacing positive
         * @return this builder
         */
        public Builder createGroupSpacing(Duration spacing) {
            this.createGroupSpacing = positive(spacing, "createGroupSpacing");
            return this;
        }

        /**
         * How long the diagnosis trusts cached look-ups: group data (default 30 s), the contact
         * list (default 5 min) and checkWhatsapp answers (default 24 h).
         *
         * @param groupData group data
         * @param contactList the contact list
         * @param whatsappChecks checkWhatsapp answers
         * @return this builder
         */
        public Builder cacheTtls(Duration groupData, Duration contactList, Duration whatsappChecks) {
            this.groupDataTtl = positive(groupData, "groupData");
            this.contactsTtl = positive(contactList, "contactList");
            this.checkTtl = positive(whatsappChecks, "whatsappChecks");
            return this;
        }

        /**
         * The text sent before an invite link by the fallback. Default an English sentence naming
         * the product's messenger.
         *
         * @param text the text
         * @return this builder
         */
        public Builder inviteMessage(String text) {
            this.inviteMessage = Objects.requireNonNull(text, "inviteMessage must not be null");
            return this;
        }

        /**
         * Opts into the remedy Green-API's documents give for {@link io.groupkit.core.NotInContacts}:
         * "add the number to the phone's contacts and try again". When WhatsApp refuses an add and
         * the number is not in the phone's contacts, GroupKit saves it with {@code addContact}
         * (Green-API beta; it writes to the phone's address book) and adds the person once more.
         * The outcome says what was done: {@code Added} with code {@code ADDED_AFTER_SAVING_CONTACT},
         * {@code NotAdded} if WhatsApp refuses again, {@code NotRegistered} if addContact says the
         * number is not on WhatsApp. Off by default: the contacts are left alone.
         *
         * @param firstName the first name the contact is saved under, such as your company's name
         * @return this builder
         */
        public Builder saveContactAndRetry(String firstName) {
            Objects.requireNonNull(firstName, "firstName must not be null");
            if (firstName.isBlank()) {
                throw new IllegalArgumentException("expected a first name to save contacts under, got a blank string");
            }
            this.saveContactsAs = firstName.strip();
            return this;
        }

        /**
         * The largest answer body read. Default 4 MiB; larger answers count as lost.
         *
         * @param bytes at least 1 KiB
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("expected maxBodyBytes of at least 1024, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client, immutable and thread-safe
         * @throws IllegalStateException if apiUrl or the instance is missing
         */
        public GreenApiClient build() {
            if (apiUrl == null) {
                throw new IllegalStateException("apiUrl is required: the instance's host from the Green-API console,"
                        + " such as https://7103.api.greenapi.com");
            }
            if (idInstance == null || apiTokenInstance == null) {
                throw new IllegalStateException("instance(idInstance, apiTokenInstance) is required");
            }
            if (saveContactsAs != null && product != GreenApiProduct.WHATSAPP) {
                throw new IllegalStateException("saveContactAndRetry is WhatsApp's remedy (addContact); this builder is for "
                        + product.displayName());
            }
            ProductRules rules = ProductRules.of(product);
            Transport transport = new Transport(httpClientOrDefault(), apiUrl,
                    pathPrefix != null ? pathPrefix : rules.defaultPathPrefix(), idInstance, apiTokenInstance,
                    requestTimeout(), maxBodyBytes);
            GreenApiAnswers answers = new GreenApiAnswers(transport, rules);
            Limits limits = new Limits(rules, pacingHeadroom(), createGroupSpacing);
            TimeSource time = policies().time();
            GroupDataCache groupData = new GroupDataCache(transport, answers, rules, limits, time, groupDataTtl);
            InstanceChecks checks = new InstanceChecks(transport, answers, rules, limits, time, checkTtl);
            Diagnosis diagnosis = new Diagnosis(transport, answers, limits, groupData, checks, time, contactsTtl,
                    Optional.ofNullable(saveContactsAs));
            GreenApiProvider provider = new GreenApiProvider(rules, transport, answers, idInstance, limits, groupData,
                    checks, diagnosis, time, groupDataTtl, inviteMessage != null ? inviteMessage : rules.inviteMessage());
            GroupOperations operations = new GroupOperations(transport, answers, limits, groupData, checks);
            return new GreenApiClient(provider, operations, policies());
        }


        @Override
        public String toString() {
            return "GreenApi.Builder[" + product + ", " + apiUrl + ", instance " + idInstance + "]";
        }
    }
}
