package io.groupkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.groupkit.core.Member;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The world of a Green-API instance of another messenger than WhatsApp: the section
 * {@code greenapi.max}, {@code greenapi.telegram} or {@code greenapi.instagram}, in that
 * messenger's shapes.
 *
 * <pre>{@code
 * "max": {"people": [{"id": "10000101", "phone": "+7 900 555-10-01"}],
 *         "groups": [{"id": "-10000000000101", "title": "Sales team", "members": ["+7 900 555-10-01"], "admin": true}],
 *         "noAccount": ["+7 900 555-10-03", "10000199"], "privacyRestricted": ["10000102"]}
 * }</pre>
 *
 * <p>{@code people} fixes the id that a phone or a username is found as (others get made-up ids);
 * members and {@code privacyRestricted} name people by id, {@code +phone} or {@code @username},
 * as the product takes them; {@code noAccount} people are found by no look-up and refused by id.
 *
 * @param world the world, for messages
 * @param product the messenger
 * @param section the product's section (missing: no groups, no people)
 */
record GreenApiProductWorld(SimulatorWorld world, GreenApiProduct product, JsonNode section) {
    private static final Set<String> FIELDS = Set.of("people", "groups", "noAccount", "privacyRestricted");

    /** The section's name in the world file, under {@code greenapi}. */
    static String key(GreenApiProduct product) {
        return product.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The product's section of a world, every field checked.
     *
     * @param world the world
     * @param product another messenger than WhatsApp
     * @return its world
     * @throws Usage if the section is not one
     */
    static GreenApiProductWorld of(SimulatorWorld world, GreenApiProduct product) throws Usage {
        GreenApiProductWorld w = new GreenApiProductWorld(world, product, world.root().path("greenapi").path(key(product)));
        w.accounts();
        w.groups();
        w.noAccount();
        w.privacyRestricted();
        return w;
    }

    private String where(String field) {
        return "greenapi." + key(product) + (field.isEmpty() ? "" : "." + field);
    }

    private List<JsonNode> list(String field) throws Usage {
        if (section.isMissingNode()) {
            return List.of();
        }
        world.fields(section, where(""), FIELDS);
        JsonNode l = section.path(field);
        if (l.isMissingNode()) {
            return List.of();
        }
        if (!l.isArray()) {
            throw world.wrong(where(field), "a list [...]");
        }
        List<JsonNode> out = new ArrayList<>();
        l.forEach(out::add);
        return out;
    }

    /** The ids that {@code people} fixes, by {@code phone:digits} and {@code username:name}. */
    Map<String, String> accounts() throws Usage {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode p : list("people")) {
            world.fields(p, where("people"), Set.of("id", "phone", "username"));
            String id = id(p.path("id"), where("people.id"));
            if (p.has("phone")) {
                ids.put(key(person(p.get("phone"), "people.phone")), id);
            }
            if (p.has("username")) {
                // "alice" as the telegram section writes it, or "@alice" as members do
                String name = p.get("username").asText().strip();
                ids.put(key(person(TextNode.valueOf(name.startsWith("@") ? name : "@" + name), "people.username")), id);
            }
        }
        return ids;
    }

    /** The groups: id, title, members, and whether the account is an admin. */
    List<JsonNode> groups() throws Usage {
        List<JsonNode> groups = list("groups");
        for (JsonNode g : groups) {
            world.fields(g, where("groups"), Set.of("id", "title", "members", "admin"));
            String id = world.text(g, "id", where("groups"));
            boolean fits = product == GreenApiProduct.INSTAGRAM ? id.matches("[1-9][0-9]{20,38}")
                    : id.matches("-[1-9][0-9]{0,19}");
            if (!fits) {
                throw world.wrong(where("groups.id"), product == GreenApiProduct.INSTAGRAM
                        ? "text of 21 to 39 digits (an Instagram group), such as \"340282366920938463463374607431768301\""
                        : "text of a negative number (a " + product.displayName() + " group), such as \"-10000000000101\"");
            }
            if (g.has("members") && !g.get("members").isArray()) {
                throw world.wrong(where("groups.members"), "a list [...]");
            }
            for (JsonNode m : g.path("members")) {
                person(m, "groups.members");
            }
        }
        return groups;
    }

    /** The people without an account: phones as digits, ids and {@code @username}s as they are. */
    List<Member> noAccount() throws Usage {
        List<Member> out = new ArrayList<>();
        for (JsonNode n : list("noAccount")) {
            out.add(person(n, "noAccount"));
        }
        return out;
    }

    List<Member> privacyRestricted() throws Usage {
        List<Member> out = new ArrayList<>();
        for (JsonNode n : list("privacyRestricted")) {
            out.add(person(n, "privacyRestricted"));
        }
        return out;
    }

    /** A person as the product names one: an id, and a phone or a username where the product looks them up. */
    Member person(JsonNode n, String field) throws Usage {
        String t = n.asText().strip();
        if (n.isIntegralNumber() || t.matches("[0-9]+")) {
            return Member.userId(id(n, where(field)));
        }
        String expected = switch (product) {
            case MAX -> "MAX ids (\"10000101\") or +7/+375 phone numbers";
            case TELEGRAM -> "Telegram user ids (\"1000000201\"), @usernames or +phone numbers";
            default -> "Instagram ids (\"17841400000000301\") or @usernames";
        };
        try {
            if (t.startsWith("+") && product != GreenApiProduct.INSTAGRAM) {
                Member.Phone phone = Member.phone(t);
                String d = phone.digits();
                boolean found = product != GreenApiProduct.MAX || d.startsWith("7") && d.length() == 11
                        || d.startsWith("375") && d.length() == 12;
                if (found) {
                    return phone;
                }
            } else if (t.startsWith("@") && product != GreenApiProduct.MAX
                    && !(product == GreenApiProduct.TELEGRAM && t.contains("."))) {
                return Member.username(t);
            }
        } catch (IllegalArgumentException e) {
            // named below, without the number
        }
        throw world.wrong(where(field), expected);
    }

    private String id(JsonNode n, String where) throws Usage {
        String t = n.asText().strip();
        if (!(n.isIntegralNumber() || n.isTextual()) || !t.matches("[1-9][0-9]{0,19}")) {
            throw world.wrong(where, "a person's id: a positive number of up to 20 digits");
        }
        return t;
    }

    /** A person found by a look-up as the simulator's {@code account(phoneOrUsername, id)} takes them. */
    private static String key(Member m) {
        return m instanceof Member.Phone p ? p.digits() : "@" + ((Member.Username) m).name().toLowerCase(Locale.ROOT);
    }

    private static String id(Member m) {
        return ((Member.UserId) m).id();
    }

    /**
     * Seeds an instance of the product: the accounts, the groups (the account an admin unless told
     * otherwise), the people without an account and the ones who refuse to be added. A phone or a
     * username the world names but {@code people} does not gets a made-up id, the same everywhere
     * in the world.
     *
     * @param instance an instance of the product
     * @throws Usage if the world does not read
     */
    void seed(GreenApiSimulator.Instance instance) throws Usage {
        Map<String, String> ids = accounts();
        long[] next = {90_000_000_001L};
        java.util.function.Function<Member, String> idOf = m -> m instanceof Member.UserId ? id(m)
                : ids.computeIfAbsent(key(m), k -> String.valueOf(next[0]++));
        for (JsonNode g : groups()) {
            String id = g.get("id").asText();
            List<String> members = new ArrayList<>();
            for (JsonNode m : g.path("members")) {
                members.add(idOf.apply(person(m, "groups.members")));
            }
            instance.group(id, members.toArray(String[]::new));
            if (g.has("title")) {
                instance.subject(id, g.get("title").asText());
            }
            if (!g.path("admin").asBoolean(true)) {
                instance.notAdminOf(id);
            }
        }
        for (Member m : privacyRestricted()) {
            instance.refusing(idOf.apply(m));
        }
        ids.forEach(instance::account);
        for (Member m : noAccount()) {
            if (m instanceof Member.Phone p) {
                instance.withoutWhatsapp(p.digits()); // every product honours it for phones
            } else {
                instance.withoutAccount(m instanceof Member.UserId ? id(m) : key(m));
            }
        }
    }
}
