package io.groupkit.examples.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every option of the command line, in one table: what it is called, its argument, the commands
 * it applies to, and its help. The parser, {@code groupkit --help} and each command's usage line
 * all come from here, so an option cannot be accepted without being listed.
 */
enum CliOption {
    SIMULATOR("--simulator", null, Scope.PROVIDER_COMMANDS,
            "run on the simulator (a running 'groupkit simulator start', else an embedded one): no account,"
                    + " nothing leaves this machine"),
    SIMULATOR_STATE("--simulator-state", "FILE", Scope.WORLD_COMMANDS,
            "with --simulator: an embedded simulator with this world (groups, people; see examples/simulator-world.json)"),
    JSON("--json", null, Scope.OUTPUT_COMMANDS, "one JSON object per outcome (watch: per event) on standard output"),
    CONFIG("--config", "FILE", Scope.PROVIDER_COMMANDS,
            "credentials from a KEY=value file (chmod 600; 'export' and quotes allowed)"),
    PRODUCT("--product", "NAME", Scope.PRODUCT_COMMANDS, "greenapi: the messenger the instance serves: whatsapp"
            + " (default), max, telegram or instagram (default: GREEN_API_PRODUCT in the --config file or the"
            + " environment). On max, telegram and instagram a bare number is the person's id there, @name a username"
            + " (telegram, instagram) and +phone a phone number (max: +7 and +375 only; telegram). With --simulator"
            + " (GREEN_API_PRODUCT is not read then): the world of that messenger; simulator start: the messenger its"
            + " Green-API instance serves (give the --simulator commands the same --product)"),
    API_URL("--api-url", "URL", Scope.PROVIDER_COMMANDS, "telegram-bot: another Bot API server, such as a local"
            + " telegram-bot-api (default: $TELEGRAM_BOT_API_URL, else https://api.telegram.org)"),
    ALL("--all", null, Set.of("requests"), "requests: approve or decline every pending join request"),
    DETAILS("--details", null, Set.of("groups"), "groups: member counts and whether the account may add people (slower)"),
    JOURNAL("--journal", "FILE", Set.of("bulk-add"), "bulk-add: record each person before and after their call; the same"
            + " command run again (after Ctrl-C, a crash) skips whoever is done and checks who was under way"),
    SKIP_INVALID("--skip-invalid", null, Set.of("bulk-add"),
            "bulk-add: set aside the lines that are not a person and add the others (they are counted in the report)"),
    REJECTS("--rejects", "FILE", Set.of("bulk-add"),
            "bulk-add: write the rejected lines to FILE (CSV: line, the line as it was, the reason)"),
    REGION("--region", "XX", Set.of("add", "remove", "bulk-add"), "read phone numbers written as dialled in country XX:"
            + " with --region RU, 8 (900) 123-45-67 is +7 900 123-45-67 (default: $GROUPKIT_REGION; without one,"
            + " numbers must be international: +7 900 ..., or digits starting with the country code)"),
    INVITE_LINK("--invite-link", "attach|send", Set.of("add", "bulk-add"), "add, bulk-add: when a person cannot be"
            + " added but could join by the group's invite link, attach the link to the outcome (attach) or also send it"
            + " to them (send); with --state DIR each link is recorded as an invitation, so that watch and invitations"
            + " say who joined by it"),
    INTERVAL("--interval", "TIME", Set.of("watch"), "watch: how often each group is listed (default 30s; 500ms, 10s, 2m);"
            + " the provider's limits and the traffic of the moment may make it longer"),
    SHOW_NUMBERS("--show-numbers", null, Set.of("add", "remove", "members", "bulk-add", "watch", "invitations",
            "requests"),
            "print phone numbers whole (they are masked by default)"),
    STATE("--state", "PATH", Set.of("simulator start", "watch", "invitations", "add", "bulk-add", "invite-link"),
            "watch: a directory where what was seen is kept, so the same command resumes after Ctrl-C or a crash"
                    + " without printing an event twice; add, bulk-add (with --invite-link), invite-link with a person:"
                    + " where the links sent are recorded as invitations (a person's Telegram link is reused from there); invitations: the directory to read them from; simulator start: the"
                    + " world file to load (default: the built-in one)"),
    DIR("--dir", "DIR", Set.of("simulator start", "simulator stop", "simulator status"),
            "simulator: the state directory (default: $GROUPKIT_SIMULATOR_DIR, else ~/.groupkit/simulator)"),
    VERSION("--version", null, Set.of(), "the version of this tool", "-V"),
    HELP("--help", null, Set.of(), "this text; 'groupkit <provider> <command> --help' for one command", "-h", "help");

    /** Which commands a group of options applies to. */
    private static final class Scope {
        static final Set<String> PROVIDER_COMMANDS = Set.of("add", "remove", "invite-link", "members", "groups", "bulk-add",
                "check", "login", "watch", "invitations", "requests");
        static final Set<String> PRODUCT_COMMANDS = Set.of("add", "remove", "invite-link", "members", "groups",
                "bulk-add", "check", "watch", "invitations", "requests", "simulator start");
        static final Set<String> WORLD_COMMANDS = Set.of("add", "remove", "invite-link", "members", "groups", "bulk-add",
                "check", "invitations", "requests");
        static final Set<String> OUTPUT_COMMANDS = Set.of("add", "remove", "invite-link", "members", "groups", "bulk-add",
                "check", "invitations", "watch", "requests");

        private Scope() {
        }
    }

    final String name;
    final @Nullable String argument;
    /** The commands it applies to; empty for the ones that apply to none in particular (--help, --version). */
    final Set<String> commands;
    final String help;
    final List<String> aliases;

    CliOption(String name, @Nullable String argument, Set<String> commands, String help, String... aliases) {
        this.name = name;
        this.argument = argument;
        this.commands = commands;
        this.help = help;
        this.aliases = List.of(aliases);
    }

    /** As a usage line shows it: {@code [--journal FILE]}. */
    String usage() {
        return "[" + name + (argument == null ? "" : " " + argument) + "]";
    }

    boolean appliesTo(String command) {
        return commands.contains(command);
    }

    static Optional<CliOption> named(String word) {
        return Arrays.stream(values()).filter(o -> o.name.equals(word) || o.aliases.contains(word)).findFirst();
    }

    /** The options of one command, as its usage line lists them. */
    static String usageOf(String command) {
        return Arrays.stream(values()).filter(o -> o.appliesTo(command)).map(CliOption::usage)
                .collect(Collectors.joining(" "));
    }

    /** Every option, for the message about an unknown one. */
    static String all() {
        return Arrays.stream(values()).map(o -> o.name + (o.argument == null ? "" : " " + o.argument))
                .collect(Collectors.joining(", "));
    }
}
