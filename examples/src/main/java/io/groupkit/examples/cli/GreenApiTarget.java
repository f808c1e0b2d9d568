package io.groupkit.examples.cli;

import org.jspecify.annotations.Nullable;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** WhatsApp through Green-API: groups are {@code ...@g.us}, people are phone numbers. */
final class GreenApiTarget implements Target {
    @Override
    public String name() {
        return "greenapi";
    }

    @Override
    public List<String> credentialKeys() {
        return List.of("GREEN_API_URL", "GREEN_API_INSTANCE", "GREEN_API_TOKEN");
    }

    @Override
    public String groupExample() {
        return "120363043968066561@g.us";
    }

    @Override
    public GroupRef group(String text) throws Usage {
        if (!text.strip().endsWith("@g.us")) {
            throw new Usage("expected a WhatsApp group id such as " + groupExample());
        }
        return GroupRef.of(text);
    }

    @Override
    public Member person(String text, @Nullable String region) throws Usage {
        return Target.parse(text, "phone", region);
    }

    @Override
    public Connection connect(Map<String, String> credentials, UnaryOperator<Policies.Builder> tune) throws Usage {
        try {
            GreenApiClient client = GreenApi.builder().apiUrl(credentials.get("GREEN_API_URL"))
                    .instance(credentials.get("GREEN_API_INSTANCE"), credentials.get("GREEN_API_TOKEN"))
                    .policies(tune.apply(Policies.builder()).build()).build();
            return new Connection(client, group -> client.state(), () -> { })
                    .at(java.net.URI.create(credentials.get("GREEN_API_URL").strip()).getAuthority());
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        }
    }

    private static final String INSTANCE = "1101000001";
    private static final String TOKEN = "simulator-token";

    /**
     * A simulator seeded with the world: its groups (the account an admin unless told otherwise),
     * and people who are not simply added. Everyone the world names is in the phone's contacts but
     * the ones {@code notInContacts}; any other number is on WhatsApp and may be added. Green-API's
     * documented rates are enforced.
     */
    private static GreenApiSimulator seeded(SimulatorWorld world, io.groupkit.core.time.TimeSource time) throws Usage {
        GreenApiSimulator sim = GreenApiSimulator.start(time);
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
        GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance(INSTANCE, TOKEN)
                .policies(tune.apply(Policies.builder().time(time)).build()).build();
        return new Connection(client, g -> client.state(), sim);
    }

    @Override
    public Shared share(SimulatorWorld world) throws Usage {
        GreenApiSimulator sim = seeded(world, io.groupkit.core.time.TimeSource.system());
        return new Shared(Map.of("url", sim.url(), "instance", INSTANCE, "token", TOKEN), sim.url(), sim);
    }

    @Override
    public Connection attach(com.fasterxml.jackson.databind.JsonNode state, Map<String, String> env,
                             UnaryOperator<Policies.Builder> tune) throws Usage {
        if (!state.path("url").isTextual()) {
            throw new Usage("the running simulator's state has no Green-API url: start it again");
        }
        GreenApiClient client = GreenApi.builder().apiUrl(state.get("url").asText())
                .instance(state.path("instance").asText(), state.path("token").asText())
                .policies(tune.apply(Policies.builder()).build()).build();
        return new Connection(client, g -> client.state(), () -> { }).at(java.net.URI.create(state.get("url").asText())
                .getAuthority());
    }
}
