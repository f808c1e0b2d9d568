package io.groupkit.examples.cli;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** One provider as the command line sees it: how groups and people are written, and how to connect. */
interface Target {
    /**
     * The provider's name on the command line.
     *
     * @return such as {@code greenapi}
     */
    String name();

    /**
     * This target set up by the command's settings: the {@code --product} option and the config
     * file's (or the environment's) other keys. Only Green-API has a product.
     *
     * @param product the {@code --product} option, or null
     * @param settings the config file's keys, or the environment's
     * @param from where the settings come from, for messages
     * @return the target to read groups and people with and to connect
     * @throws Usage if {@code --product} is given to another provider, or a setting is malformed
     */
    default Target configured(@Nullable String product, Map<String, String> settings, String from) throws Usage {
        if (product != null) {
            throw new Usage("--product is for greenapi (the messenger its instance serves), not " + name());
        }
        return this;
    }

    /**
     * The credential keys, in the environment or the config file.
     *
     * @return the keys, all required
     */
    List<String> credentialKeys();

    /**
     * How a group is written, for messages.
     *
     * @return an example
     */
    String groupExample();

    /**
     * Reads a group.
     *
     * @param text as typed
     * @return the group
     * @throws Usage if it is not one
     */
    GroupRef group(String text) throws Usage;

    /**
     * How a group is written on the command line, so that a listed group can be pasted into the
     * other commands.
     *
     * @param group a group the provider listed
     * @return as {@link #group(String)} reads it
     */
    default String write(GroupRef group) {
        return group.key();
    }

    /**
     * Reads a person.
     *
     * @param text as typed
     * @param region where national phone numbers are written ({@code --region RU}), or null for
     *     international numbers only
     * @return the person
     * @throws Usage if it is not one (the message never repeats a phone number)
     */
    Member person(String text, @Nullable String region) throws Usage;

    /**
     * A client on a real account.
     *
     * @param credentials every key of {@link #credentialKeys()}
     * @param tune the command's policies (invite fallback, invitations store) on top of the target's
     * @return the connection
     * @throws Usage if a credential is malformed
     */
    Connection connect(Map<String, String> credentials, UnaryOperator<Policies.Builder> tune) throws Usage;

    /**
     * A client on an embedded simulator of this world, on simulated time.
     *
     * @param world the groups and people
     * @param people the command's people: where the provider has no other way to know a person
     *     (Telegram, Bitrix24), the ones the world does not name are made as ordinary people
     * @param tune the command's policies on top of the target's
     * @return the connection
     * @throws Usage if the world does not fit this provider
     */
    Connection simulate(SimulatorWorld world, List<Member> people, UnaryOperator<Policies.Builder> tune) throws Usage;

    /**
     * Starts this provider's simulator with a world, on real time, to outlive one command
     * ({@code groupkit simulator start}).
     *
     * @param world the groups and people
     * @return how to reach it, and the simulator to close
     * @throws Usage if the world does not fit this provider
     */
    Shared share(SimulatorWorld world) throws Usage;

    /**
     * A client on a simulator {@link #share(SimulatorWorld)} started, maybe in another process.
     *
     * @param state what {@link Shared#state()} wrote
     * @param env the environment (Telegram: a session of a login on that simulator)
     * @param tune the command's policies on top of the target's
     * @return the connection
     * @throws Usage if the state is not one this provider wrote
     */
    Connection attach(com.fasterxml.jackson.databind.JsonNode state, Map<String, String> env,
                      UnaryOperator<Policies.Builder> tune) throws Usage;

    /**
     * A running simulator of one provider.
     *
     * @param state how to reach it (written to the state directory)
     * @param address where it listens, for people
     * @param simulator closed when it stops
     */
    record Shared(Map<String, Object> state, String address, AutoCloseable simulator) {
    }

    /**
     * Reads a person, turning the SDK's own check into a usage error.
     *
     * @param text as typed
     * @param kind the kind to read it as
     * @param region where national phone numbers are written ({@code --region}), or null
     * @return the person
     * @throws Usage if it is not one
     */
    static Member parse(String text, String kind, @Nullable String region) throws Usage {
        try {
            return switch (kind) {
                case "phone" -> region == null ? Member.phone(text) : Member.phone(text, region);
                case "username" -> Member.username(text);
                default -> Member.userId(text);
            };
        } catch (IllegalArgumentException e) {
            // The SDK names its own call; on the command line the region is an option.
            throw new Usage(e.getMessage().replace("Member.phone(number, \"RU\")", "--region RU")
                    .replace("Member.phone(number, \"DE\")", "--region DE"));
        }
    }
}
