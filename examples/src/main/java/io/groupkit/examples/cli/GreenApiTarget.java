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
    public Connection connect(Map<String, String> credentials) throws Usage {
        try {
            GreenApiClient client = GreenApi.builder().apiUrl(credentials.get("GREEN_API_URL"))
                    .instance(credentials.get("GREEN_API_INSTANCE"), credentials.get("GREEN_API_TOKEN")).build();
            return new Connection(client, group -> client.state(), () -> { })
                    .at(java.net.URI.create(credentials.get("GREEN_API_URL").strip()).getAuthority());
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        }
    }

    @Override
    public Connection simulate(GroupRef group, List<Member> people) {
        VirtualTime time = VirtualTime.create();
        GreenApiSimulator sim = GreenApiSimulator.start(time, true);
        GreenApiSimulator.Instance phone = sim.instance("1101000001", "simulator-token");
        // A few groups for `groups` to list; the phone is an admin of two of them.
        phone.group("120363000000000101@g.us", "79005550001@c.us").subject("120363000000000101@g.us", "Sales team")
                .group("120363000000000102@g.us").subject("120363000000000102@g.us", "Support")
                .group("120363000000000103@g.us").subject("120363000000000103@g.us", "Accounting")
                .notAdminOf("120363000000000103@g.us");
        if (group != null) {
            phone.group(group.key());
        }
        for (Member m : people) {
            if (m instanceof Member.Phone p) {
                phone.contacts(p.digits());
            }
        }
        GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance("1101000001", "simulator-token")
                .policies(Policies.builder().time(time).build()).build();
        return new Connection(client, g -> client.state(), sim);
    }
}
