package io.groupkit.examples.cli;

import org.jspecify.annotations.Nullable;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Green-API: WhatsApp by default (groups {@code ...@g.us}, people phone numbers), or the instance's
 * other messenger ({@code --product max|telegram|instagram}, or {@code GREEN_API_PRODUCT}), whose
 * groups and people are written the way that messenger names them.
 */
final class GreenApiTarget implements Target {
    /** The config file's (or the environment's) key for the product. */
    static final String PRODUCT_KEY = "GREEN_API_PRODUCT";
    /** The config file's (or the environment's) key for the path prefix. */
    static final String PATH_PREFIX_KEY = "GREEN_API_PATH_PREFIX";

    private final GreenApiProduct product;
    private final @Nullable String pathPrefix;

    GreenApiTarget() {
        this(GreenApiProduct.WHATSAPP, null);
    }

    private GreenApiTarget(GreenApiProduct product, @Nullable String pathPrefix) {
        this.product = product;
        this.pathPrefix = pathPrefix;
    }

    @Override
    public String name() {
        return "greenapi";
    }

    /**
     * The product this target writes groups and people for.
     *
     * @return the product
     */
    GreenApiProduct product() {
        return product;
    }

    @Override
    public Target configured(@Nullable String productOption, Map<String, String> settings, String from) throws Usage {
        GreenApiProduct p = GreenApiProduct.WHATSAPP;
        String given = productOption != null ? productOption : settings.get(PRODUCT_KEY);
        if (given != null && !given.isBlank()) {
            try {
                p = GreenApiProduct.parse(given);
            } catch (IllegalArgumentException e) {
                throw new Usage((productOption != null ? "--product" : PRODUCT_KEY + " in " + from) + ": "
                        + e.getMessage());
            }
        }
        String prefix = settings.get(PATH_PREFIX_KEY);
        if (prefix != null) {
            try {
                GreenApi.builder().pathPrefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new Usage(PATH_PREFIX_KEY + " in " + from + ": " + e.getMessage());
            }
        }
        return new GreenApiTarget(p, prefix);
    }

    @Override
    public List<String> credentialKeys() {
        return List.of("GREEN_API_URL", "GREEN_API_INSTANCE", "GREEN_API_TOKEN");
    }

    @Override
    public String groupExample() {
        return switch (product) {
            case WHATSAPP -> "120363043968066561@g.us";
            case MAX, TELEGRAM -> "-10000000000000";
            case INSTAGRAM -> "340282366920938463463374607431768211";
        };
    }

    @Override
    public GroupRef group(String text) throws Usage {
        String t = text.strip();
        boolean fits = switch (product) {
            case WHATSAPP -> t.endsWith("@g.us");
            case MAX, TELEGRAM -> t.matches("-[1-9][0-9]{0,19}");
            // Longer than any person's id (20 digits), and kept as text: it does not fit a long.
            case INSTAGRAM -> t.matches("[1-9][0-9]{20,38}");
        };
        if (!fits) {
            throw new Usage(switch (product) {
                case WHATSAPP -> "expected a WhatsApp group id such as " + groupExample();
                case MAX, TELEGRAM -> "expected a " + product.displayName() + " group id: a negative number such as "
                        + groupExample() + " (from 'groups'; no @g.us)";
                case INSTAGRAM -> "expected an Instagram group id: a number of 21 to 39 digits such as " + groupExample()
                        + " (from 'groups'; no @g.us, no minus sign)";
            });
        }
        return GroupRef.of(t);
    }

    /**
     * Reads a person the product's way: on WhatsApp a phone number; elsewhere a bare number is the
     * person's id in that messenger unless it is shaped like a phone (MAX: +7/8 and 11 digits or
     * 375 and 12; Telegram: 11 digits or more), {@code id:…} an id whatever its shape, {@code @name}
     * a username (Telegram, Instagram) and {@code +...} a phone (Telegram, and MAX for Russian and
     * Belarusian numbers), each looked up by the client.
     */
    @Override
    public Member person(String text, @Nullable String region) throws Usage {
        if (product == GreenApiProduct.WHATSAPP) {
            return Target.parse(text, "phone", region);
        }
        String t = text.strip();
        String name = product.displayName();
        if (t.startsWith("id:")) {
            // The way to say "this number is an id" where it would be read as a phone.
            return Target.parse(t.substring(3).strip(), "id", null);
        }
        String digits = t.replaceAll("[ ().-]", "");
        if (product != GreenApiProduct.INSTAGRAM && !t.startsWith("+") && digits.matches("[0-9]+") && looksLikePhone(digits)) {
            // CRMs export phones, rarely messenger ids: a bare number shaped like a phone is read as
            // one and looked up (a miss is NotRegistered, nothing sent), never sent as someone's id.
            String national = region != null ? region : product == GreenApiProduct.MAX && digits.startsWith("8") ? "RU" : null;
            t = national != null ? t : "+" + digits;
            region = national;
        }
        if (t.startsWith("+") || region != null && t.matches("[0-9][0-9 ().-]*[ ().-][0-9 ().-]*[0-9]")
                || region != null && looksLikePhone(digits)) {
            if (product == GreenApiProduct.INSTAGRAM) {
                throw new Usage("Instagram finds no one by phone number: give the person's @username or Instagram id");
            }
            Member phone = Target.parse(t, "phone", region);
            String d = ((Member.Phone) phone).digits();
            if (product == GreenApiProduct.MAX && !(d.startsWith("7") && d.length() == 11)
                    && !(d.startsWith("375") && d.length() == 12)) {
                throw new Usage("MAX looks up Russian (+7, 11 digits) and Belarusian (+375, 12 digits) phone numbers"
                        + " only: give the person's MAX id (a number) instead");
            }
            return phone;
        }
        if (t.startsWith("@")) {
            if (product == GreenApiProduct.MAX) {
                throw new Usage("MAX has no usernames here: give the person's MAX id (a number) or a +7/+375 phone number");
            }
            if (product == GreenApiProduct.TELEGRAM && t.contains(".")) {
                throw new Usage("a Telegram username has letters, digits and underscores only (no dots)");
            }
            return Target.parse(t, "username", null);
        }
        // Up to 20 digits: a 64-bit id (Instagram), and room for MAX's and Telegram's ids to grow.
        if (t.matches("[1-9][0-9]{0,19}")) {
            return Target.parse(t, "id", null);
        }
        throw new Usage("expected a " + name + " person as " + switch (product) {
            case MAX -> "a MAX id (a number such as 10000000) or a +7/+375 phone number";
            case TELEGRAM -> "a user id (a number such as 10000000), @username or +phone";
            default -> "an Instagram id (a number of up to 20 digits) or @username";
        });
    }

    /**
     * Whether a bare number reads as a phone here: on MAX a Russian or Belarusian number (8 … as
     * dialled in Russia too), on Telegram 11 digits or more (user ids have 10 at most so far).
     */
    private boolean looksLikePhone(String digits) {
        return switch (product) {
            case MAX -> digits.length() == 11 && (digits.startsWith("7") || digits.startsWith("8"))
                    || digits.length() == 12 && digits.startsWith("375");
            case TELEGRAM -> digits.length() >= 11 && digits.length() <= 15;
            default -> false;
        };
    }

    @Override
    public Connection connect(Map<String, String> credentials, UnaryOperator<Policies.Builder> tune) throws Usage {
        try {
            GreenApiClient client = builder().apiUrl(credentials.get("GREEN_API_URL"))
                    .instance(credentials.get("GREEN_API_INSTANCE"), credentials.get("GREEN_API_TOKEN"))
                    .policies(tune.apply(Policies.builder()).build()).build();
            return new Connection(client, group -> client.state(), () -> { })
                    .at(java.net.URI.create(credentials.get("GREEN_API_URL").strip()).getAuthority());
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        }
    }

    /** A builder for this target's product and path prefix. */
    private GreenApi.Builder builder() {
        GreenApi.Builder b = GreenApi.builder().product(product);
        return pathPrefix == null ? b : b.pathPrefix(pathPrefix);
    }

    private static final String INSTANCE = "1101000001";
    private static final String TOKEN = "simulator-token";

    /**
     * A simulator seeded with the world: its groups (the account an admin unless told otherwise),
     * and people who are not simply added. Everyone the world names is in the phone's contacts but
     * the ones {@code notInContacts}; any other number is on WhatsApp and may be added. Another
     * product's instance gets that product's section of the world ({@link GreenApiProductWorld}).
     * Green-API's documented rates (the product's) are enforced.
     */
    private GreenApiSimulator seeded(SimulatorWorld world, io.groupkit.core.time.TimeSource time) throws Usage {
        GreenApiSimulator sim = GreenApiSimulator.start(time);
        if (product != GreenApiProduct.WHATSAPP) {
            try {
                GreenApiProductWorld.of(world, product)
                        .seed(sim.instance(INSTANCE, TOKEN, GreenApiSimulator.Product.valueOf(product.name())));
            } catch (Usage | RuntimeException e) {
                sim.close();
                throw e;
            }
            return sim;
        }
        GreenApiSimulator.Instance phone = sim.instance(INSTANCE, TOKEN);
        java.util.Set<String> contacts = new java.util.LinkedHashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode g : world.list("greenapi", "groups")) {
            String id = g.get("id").asText();
            List<String> members = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode m : g.path("members")) {
                String digits = world.phone(m, "greenapi.groups.members");
                members.add(digits + "@c.us");
                contacts.add(digits);
            }
            phone.group(id, members.toArray(String[]::new));
            if (g.has("title")) {
                phone.subject(id, g.get("title").asText());
            }
            if (!g.path("admin").asBoolean(true)) {
                phone.notAdminOf(id);
            }
            if (g.path("full").asBoolean(false)) {
                phone.full(id);
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode m : world.list("greenapi", "noAccount")) {
            phone.withoutWhatsapp(world.phone(m, "greenapi.noAccount"));
        }
        for (com.fasterxml.jackson.databind.JsonNode m : world.list("greenapi", "privacyRestricted")) {
            String digits = world.phone(m, "greenapi.privacyRestricted");
            phone.refusing(digits); // WhatsApp refuses; they are a contact, so their privacy settings are why
            contacts.add(digits);
        }
        for (com.fasterxml.jackson.databind.JsonNode m : world.list("greenapi", "notInContacts")) {
            String digits = world.phone(m, "greenapi.notInContacts");
            phone.refusing(digits); // refused, and the contacts show why
            contacts.remove(digits);
        }
        phone.contacts(contacts.toArray(String[]::new));
        return sim;
    }

    @Override
    public Connection simulate(SimulatorWorld world, List<Member> people, UnaryOperator<Policies.Builder> tune)
            throws Usage {
        VirtualTime time = VirtualTime.create();
        GreenApiSimulator sim = seeded(world, time);
        GreenApiClient client = builder().apiUrl(sim.url()).instance(INSTANCE, TOKEN)
                .policies(tune.apply(Policies.builder().time(time)).build()).build();
        return new Connection(client, g -> client.state(), sim);
    }

    @Override
    public Shared share(SimulatorWorld world) throws Usage {
        GreenApiSimulator sim = seeded(world, io.groupkit.core.time.TimeSource.system());
        return new Shared(Map.of("url", sim.url(), "instance", INSTANCE, "token", TOKEN, "product",
                GreenApiProductWorld.key(product)),
                sim.url() + (product == GreenApiProduct.WHATSAPP ? "" : " (" + product.displayName() + ")"), sim);
    }

    @Override
    public Connection attach(com.fasterxml.jackson.databind.JsonNode state, Map<String, String> env,
                             UnaryOperator<Policies.Builder> tune) throws Usage {
        if (!state.path("url").isTextual()) {
            throw new Usage("the running simulator's state has no Green-API url: start it again");
        }
        GreenApiProduct running = runningProduct(state);
        if (running != product) {
            throw new Usage("the running simulator ('groupkit simulator start') serves Green-API's "
                    + running.displayName() + ", not " + product.displayName() + ": "
                    + (running == GreenApiProduct.WHATSAPP ? "leave out --product"
                    : "give --product " + GreenApiProductWorld.key(running))
                    + ", or stop it and start it again" + (product == GreenApiProduct.WHATSAPP ? " without --product"
                    : " with --product " + GreenApiProductWorld.key(product)));
        }
        GreenApiClient client = builder().apiUrl(state.get("url").asText())
                .instance(state.path("instance").asText(), state.path("token").asText())
                .policies(tune.apply(Policies.builder()).build()).build();
        return new Connection(client, g -> client.state(), () -> { }).at(java.net.URI.create(state.get("url").asText())
                .getAuthority());
    }

    /** The product a running simulator serves: its state names it (one written before products is WhatsApp's). */
    static GreenApiProduct runningProduct(com.fasterxml.jackson.databind.JsonNode state) throws Usage {
        try {
            return GreenApiProduct.parse(state.path("product").asText("whatsapp"));
        } catch (IllegalArgumentException e) {
            throw new Usage("the running simulator's state names no Green-API product: start it again");
        }
    }
}
