package io.groupkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.Member;
import io.groupkit.greenapi.GreenApiProduct;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The simulators' world: each provider's groups with their members, and the people who are not
 * simply added (no account, privacy-restricted, not in the contacts); Green-API's other messengers
 * each have a section of their own under {@code greenapi} ({@link GreenApiProductWorld}). A JSON
 * file; the built-in one is {@code default-world.json} beside this class, and
 * {@code examples/simulator-world.json} is a copy to edit. Every field is checked: a misspelt one
 * is named, never ignored.
 *
 * <pre>{@code
 * {"greenapi": {"groups": [{"id": "120363000000000101@g.us", "title": "Sales team", "members": ["+7 900 555-00-01"],
 *                            "admin": true, "full": false}],
 *               "noAccount": ["+7 900 555-00-02"], "privacyRestricted": [...], "notInContacts": [...],
 *               "max": {"people": [{"id": "10000101", "phone": "+7 900 555-10-01"}],
 *                       "groups": [{"id": "-10000000000101", "title": "Sales team", "members": ["10000101"]}],
 *                       "noAccount": ["+7 900 555-10-03"], "privacyRestricted": ["10000102"]},
 *               "telegram": {...}, "instagram": {...}},
 *  "bitrix24": {"users": [7, 8], "chats": [{"id": 501, "title": "Sales team", "owner": 1, "members": [8]}],
 *               "inactive": [13], "noAccount": [404]},
 *  "telegram": {"people": [{"id": 100, "username": "alice", "phone": "+7 900 555-01-00", "privateChat": true}],
 *               "groups": [{"chat": 5001, "title": "Support team", "members": [100], "admin": true},
 *                          {"channel": 7001, "title": "Customers", "broadcast": false, "requests": ["@erin"]}],
 *               "privacyRestricted": ["@carol"], "notInContacts": ["@dave"], "noAccount": ["@nobody"]},
 *  "telegram-bot": {"people": [{"id": 200, "username": "grace"}],
 *                   "groups": [{"chat": -1003000000001, "members": [200], "requests": [201], "admin": true}]}}
 * }</pre>
 *
 * @param source where it came from, for messages
 * @param root the parsed file
 */
record SimulatorWorld(String source, JsonNode root) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The built-in world. */
    static SimulatorWorld builtIn() {
        try (InputStream in = SimulatorWorld.class.getResourceAsStream("default-world.json")) {
            return parse("the built-in world", JSON.readTree(in));
        } catch (IOException | Usage e) {
            throw new IllegalStateException("the built-in simulator world does not read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a world file.
     *
     * @param file the JSON file
     * @return the world
     * @throws Usage if it cannot be read or is not a world
     */
    static SimulatorWorld read(Path file) throws Usage {
        try {
            return parse(file.toString(), JSON.readTree(Files.readString(file)));
        } catch (NoSuchFileException e) {
            throw new Usage("no such file: " + file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Usage(file + " is not JSON (line " + e.getLocation().getLineNr() + "): see examples/simulator-world.json");
        } catch (IOException e) {
            throw new Usage("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static SimulatorWorld parse(String source, JsonNode root) throws Usage {
        SimulatorWorld w = new SimulatorWorld(source, root);
        w.fields(root, "", Set.of("about", "greenapi", "bitrix24", "telegram", "telegram-bot"));
        // Every section is read now, so that a mistake shows before anything starts.
        w.section("greenapi", Set.of("groups", "noAccount", "privacyRestricted", "notInContacts", "max", "telegram",
                "instagram"));
        w.section("bitrix24", Set.of("users", "chats", "inactive", "noAccount"));
        w.section("telegram", Set.of("people", "groups", "privacyRestricted", "notInContacts", "noAccount"));
        w.section("telegram-bot", Set.of("people", "groups"));
        for (JsonNode p : w.list("telegram-bot", "people")) {
            w.fields(p, "telegram-bot.people", Set.of("id", "username"));
            if (w.number(p.path("id"), "telegram-bot.people.id") <= 0) {
                throw w.wrong("telegram-bot.people.id", "a user id above zero");
            }
        }
        for (JsonNode g : w.list("telegram-bot", "groups")) {
            w.fields(g, "telegram-bot.groups", Set.of("chat", "members", "requests", "admin"));
            if (w.number(g.path("chat"), "telegram-bot.groups.chat") >= 0) {
                throw w.wrong("telegram-bot.groups.chat", "a group's chat id, below zero (-1001234567890 a supergroup)");
            }
        }
        for (JsonNode g : w.list("greenapi", "groups")) {
            w.fields(g, "greenapi.groups", Set.of("id", "title", "members", "admin", "full"));
            if (!w.text(g, "id", "greenapi.groups").endsWith("@g.us")) {
                throw w.wrong("greenapi.groups", "an id such as 120363000000000101@g.us");
            }
            for (JsonNode m : g.path("members")) {
                w.phone(m, "greenapi.groups.members");
            }
        }
        for (String key : List.of("noAccount", "privacyRestricted", "notInContacts")) {
            for (JsonNode m : w.list("greenapi", key)) {
                w.phone(m, "greenapi." + key);
            }
        }
        for (GreenApiProduct p : GreenApiProduct.values()) {
            if (p != GreenApiProduct.WHATSAPP) {
                GreenApiProductWorld.of(w, p);
            }
        }
        for (JsonNode c : w.list("bitrix24", "chats")) {
            w.fields(c, "bitrix24.chats", Set.of("id", "title", "owner", "members"));
            w.number(c.path("id"), "bitrix24.chats.id");
            w.number(c.path("owner"), "bitrix24.chats.owner");
        }
        for (JsonNode p : w.list("telegram", "people")) {
            w.fields(p, "telegram.people", Set.of("id", "username", "phone", "privateChat"));
            w.number(p.path("id"), "telegram.people.id");
            if (p.has("phone")) {
                w.phone(p.get("phone"), "telegram.people.phone");
            }
        }
        for (JsonNode g : w.list("telegram", "groups")) {
            w.fields(g, "telegram.groups", Set.of("chat", "channel", "title", "members", "admin", "broadcast", "requests"));
            if (g.has("chat") == g.has("channel")) {
                throw w.wrong("telegram.groups", "either \"chat\": ID (a basic group) or \"channel\": ID (a supergroup)");
            }
        }
        return w;
    }

    /** A provider's section, or an empty one. */
    JsonNode section(String provider, Set<String> known) throws Usage {
        JsonNode s = root.path(provider);
        if (!s.isMissingNode()) {
            fields(s, provider, known);
        }
        return s;
    }

    /** The entries of a list in a section (none when it is absent). */
    List<JsonNode> list(String provider, String key) throws Usage {
        JsonNode l = root.path(provider).path(key);
        if (l.isMissingNode()) {
            return List.of();
        }
        if (!l.isArray()) {
            throw wrong(provider + "." + key, "a list [...]");
        }
        List<JsonNode> out = new ArrayList<>();
        l.forEach(out::add);
        return out;
    }

    /** A phone number of the world, as its digits (written internationally: +7 900 ...). */
    String phone(JsonNode n, String where) throws Usage {
        try {
            return Member.phone(n.asText()).digits();
        } catch (IllegalArgumentException e) {
            throw wrong(where, "international phone numbers (+7 900 555-00-01)");
        }
    }

    long number(JsonNode n, String where) throws Usage {
        if (!n.canConvertToLong()) {
            throw wrong(where, "a number");
        }
        return n.asLong();
    }

    String text(JsonNode n, String field, String where) throws Usage {
        if (!n.path(field).isTextual()) {
            throw wrong(where + "." + field, "text");
        }
        return n.get(field).asText();
    }

    void fields(JsonNode n, String where, Set<String> known) throws Usage {
        if (!n.isObject()) {
            throw wrong(where.isEmpty() ? "the file" : where, "an object {...}");
        }
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new Usage(source + ": unknown field \"" + name + "\"" + (where.isEmpty() ? "" : " in " + where)
                        + ": expected " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    Usage wrong(String where, String expected) {
        return new Usage(source + ": " + where + " must be " + expected);
    }
}
