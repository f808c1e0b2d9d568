package io.groupkit.examples.cli;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkProgress;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Cancellation;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.journal.BulkJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code groupkit <provider> <command> [arguments] [options]}: parses the command line, reads
 * credentials from the environment or a config file (never from the arguments), runs the command
 * on a real account or the embedded simulator, prints the outcome and returns the exit code.
 */
public final class Cli {
    private static final Map<String, Target> TARGETS = new LinkedHashMap<>();

    static {
        for (Target t : List.of(new GreenApiTarget(), new Bitrix24Target(), new TelegramTarget(),
                new TelegramBotTarget())) {
            TARGETS.put(t.name(), t);
        }
    }

    private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("add", "add <group> <person>          add one person to a group");
        COMMANDS.put("remove", "remove <group> <person>       remove one person from a group");
        COMMANDS.put("invite-link", "invite-link <group> [person]  the group's invite link; with a person, a link for"
                + " them (Telegram, bots: their own, one use, 7 days)");
        COMMANDS.put("members", "members <group>               list the group's members");
        COMMANDS.put("groups", "groups [title]                the groups the account is in, by title (--details: size and rights)");
        COMMANDS.put("bulk-add", "bulk-add <group> <file.csv>   add everyone in a CSV file (first column), with progress");
        COMMANDS.put("check", "check [group]                 whether the credentials work (Bitrix24: give a chat)");
        COMMANDS.put("watch", "watch <group>...              print who joins, leaves, is promoted, as it happens, until Ctrl-C");
        COMMANDS.put("requests", "requests <group> [approve|decline <person>|--all]  join requests: list, approve, decline");
        COMMANDS.put("invitations", "invitations <group>           who was sent the invite link (recorded with --state), who joined");
        COMMANDS.put("login", "login <phone> <session-file>  Telegram: a new key, the login (code, password), the session saved");
    }

    private static final Map<String, String> SIMULATOR_COMMANDS = new LinkedHashMap<>();

    static {
        SIMULATOR_COMMANDS.put("simulator start", "simulator start               run the four simulators until Ctrl-C;"
                + " --simulator commands use them");
        SIMULATOR_COMMANDS.put("simulator stop", "simulator stop                stop the one 'simulator start' runs");
        SIMULATOR_COMMANDS.put("simulator status", "simulator status              whether one runs, and where");
    }

    private final PrintStream out;
    private boolean jsonOut; // --json was given: refusals are printed as JSON on standard output too
    private final PrintStream err;
    private final Map<String, String> env;
    private final Cancellation cancellation;
    private final Consumer<BulkProgress> progressListener;
    private final boolean interactive;
    private final Keyboard keyboard;

    private Cli(Map<String, String> env, PrintStream out, PrintStream err, Cancellation cancellation,
                Consumer<BulkProgress> progressListener, boolean interactive, Keyboard keyboard) {
        this.keyboard = keyboard;
        this.env = env;
        this.out = out;
        this.err = err;
        this.cancellation = cancellation;
        this.progressListener = progressListener;
        this.interactive = interactive;
    }

    /**
     * Runs one command.
     *
     * @param args the command line
     * @param env the environment (credentials)
     * @param out where results go
     * @param err where errors and progress go
     * @return the exit code: 0 done, 1 not (all) done, 2 bad usage or input, 3 credentials,
     *     4 the provider stopped the work, 130 interrupted
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, new Cancellation(), p -> { }, false);
    }

    /**
     * Runs one command, cancellable (Ctrl-C) and with a progress listener of its own.
     *
     * @param args the command line
     * @param env the environment
     * @param out where results go
     * @param err where errors and progress go
     * @param cancellation cancelled to stop a bulk run
     * @param progressListener told of a bulk run's progress too
     * @param interactive whether err is a terminal (progress redrawn in place)
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                          Cancellation cancellation, Consumer<BulkProgress> progressListener, boolean interactive) {
        return new Cli(env, out, err, cancellation, progressListener, interactive, Keyboard.NONE).run(args);
    }

    /**
     * Runs one command that may ask at the keyboard ({@code telegram login}).
     *
     * @param args the command line
     * @param env the environment
     * @param out where results go
     * @param err where errors, progress and questions go
     * @param cancellation cancelled to stop a bulk run
     * @param interactive whether err is a terminal
     * @param keyboard where answers come from
     * @return the exit code
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Cancellation cancellation,
                   boolean interactive, Keyboard keyboard) {
        return new Cli(env, out, err, cancellation, p -> { }, interactive, keyboard).run(args);
    }

    private record Options(boolean simulator, boolean json, boolean all, boolean help, boolean details, boolean showNumbers,
                           boolean version, Path config, Path journal, @Nullable String region, boolean skipInvalid,
                           @Nullable Path rejects, @Nullable Path world, @Nullable Path state, @Nullable Path dir,
                           java.time.Duration interval, io.groupkit.core.policy.@Nullable InviteFallback inviteLink,
                           @Nullable String product, @Nullable String apiUrl, List<String> words) {
    }

    /** How long after Ctrl-C the calls under way are still waited for (the report follows at once). */
    static final java.time.Duration INTERRUPT_GRACE = java.time.Duration.ofMillis(500);
    /** How long a call may stay silent before the command says it is still waiting. */
    static final java.time.Duration SILENCE_NOTE = java.time.Duration.ofSeconds(5);

    private int run(String[] args) {
        Options o;
        try {
            o = options(args);
        } catch (Usage u) {
            return usage(u.getMessage());
        }
        jsonOut = o.json();
        if (o.version()) {
            out.println("groupkit " + version());
            return ExitCodes.DONE;
        }
        if (o.words().isEmpty()) {
            out.print(help());
            return o.help() ? ExitCodes.DONE : ExitCodes.USAGE;
        }
        if (o.words().get(0).equals("simulator")) {
            return simulator(o);
        }
        Target target = TARGETS.get(o.words().get(0));
        if (target == null) {
            return usage("unknown provider '" + o.words().get(0) + "': expected one of " + String.join(", ", TARGETS.keySet())
                    + " (or simulator)");
        }
        if (o.words().size() < 2) {
            if (o.help()) {
                out.print(help());
                return ExitCodes.DONE;
            }
            return usage("expected a command after '" + target.name() + "': " + String.join(", ", COMMANDS.keySet()));
        }
        String command = o.words().get(1);
        if (!COMMANDS.containsKey(command)) {
            return usage("unknown command '" + command + "': expected one of " + String.join(", ", COMMANDS.keySet()));
        }
        if (o.help()) {
            try {
                out.print(commandHelp(target.configured(o.product(), Map.of(), "the command line"), command));
            } catch (Usage u) {
                return usage(u.getMessage());
            }
            return ExitCodes.DONE;
        }
        if (command.equals("login")) {
            if (!target.name().equals("telegram")) {
                return usage("login is for telegram (Green-API and Bitrix24 take their credentials as they are)");
            }
            if (o.words().size() != 4) {
                return usage("'login' takes <phone> <session-file>; see groupkit telegram login --help");
            }
            try {
                Map<String, String> source = o.config() == null ? env : readConfig(o.config());
                Path dir = SharedSimulator.dir(null, env);
                return new LoginCommand(out, err, keyboard).run(o.words().get(2), Path.of(o.words().get(3)), o.simulator(),
                        source, o.config() == null ? "the environment" : o.config().toString(),
                        o.simulator() ? SharedSimulator.running(dir).map(s -> s.path("telegram")).orElse(null) : null, dir);
            } catch (Usage u) {
                return usage(u.getMessage());
            } catch (CredentialProblem m) {
                err.println("groupkit: " + m.getMessage());
                return ExitCodes.CREDENTIALS;
            }
        }
        try {
            // The product decides how groups and people are read, so it is known before any of them is.
            // With --simulator no credentials are read, nor the product's key with them.
            Map<String, String> settings = o.simulator() ? Map.of() : o.config() == null ? env : readConfig(o.config());
            target = target.configured(o.product(), settings, o.config() == null ? "the environment" : o.config().toString());
            if (o.apiUrl() != null && !(target instanceof TelegramBotTarget)) {
                throw new Usage("--api-url is for telegram-bot (another Bot API server), not " + target.name());
            }
            if (o.apiUrl() != null && o.simulator()) {
                throw new Usage("--api-url goes to a real Bot API server: leave it out with --simulator");
            }
            return execute(target, command, o.words().subList(2, o.words().size()), o);
        } catch (Usage u) {
            return usage(u.getMessage());
        } catch (CredentialProblem m) {
            err.println("groupkit: " + m.getMessage());
            return ExitCodes.CREDENTIALS;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The SDK refused an argument (a member kind this provider cannot take, ...).
            err.println("groupkit: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** A command with the membership store of --state open (when it takes one), closed when it ends. */
    private int execute(Target target, String command, List<String> rest, Options o) throws Usage, CredentialProblem {
        boolean adds = command.equals("add") || command.equals("bulk-add");
        if (command.equals("invitations") && o.state() == null) {
            throw new Usage("invitations reads what add and bulk-add recorded with --invite-link and --state DIR:"
                    + " give the same --state DIR");
        }
        // A bot's add always ends in the person's own link (the fallback is on unless --invite-link says otherwise).
        if (adds && o.state() != null && o.inviteLink() == null && !(target instanceof TelegramBotTarget)) {
            throw new Usage("--state records the invite links sent to people who could not be added: give --invite-link"
                    + " attach or --invite-link send with it");
        }
        MembershipStore store = null;
        // invite-link records a person's link there and reuses it while it works (the README's promise).
        if (o.state() != null && (adds || command.equals("watch") || command.equals("invitations")
                || command.equals("invite-link"))) {
            if (Files.isRegularFile(o.state())) {
                throw new Usage("--state " + o.state() + " is a file: give a directory (created if missing)");
            }
            if (command.equals("invitations") && !Files.isDirectory(o.state())) {
                // Only add, bulk-add and watch write a state directory: a missing one here is a typo.
                throw new Usage("--state " + o.state() + " does not exist: give the directory the add, bulk-add or"
                        + " watch commands recorded in");
            }
            try {
                store = MembershipStore.directory(o.state());
            } catch (java.io.UncheckedIOException e) {
                throw new Usage("cannot use --state " + o.state() + ": " + e.getCause().getClass().getSimpleName());
            } catch (IllegalStateException e) {
                throw new Usage("--state " + o.state() + " is in use by another groupkit command (a watch?): one process"
                        + " at a time uses a state directory");
            }
        }
        try {
            return execute(target, command, rest, o, store);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    private int execute(Target target, String command, List<String> rest, Options o, @Nullable MembershipStore store)
            throws Usage, CredentialProblem {
        if (command.equals("requests")) {
            checkRequests(rest, o, target);
        }
        int arity = switch (command) {
            case "requests" -> -4; // checked above
            case "add", "remove", "bulk-add" -> 2;
            case "check", "groups" -> -1;
            case "watch" -> -2;
            case "invite-link" -> -3;
            default -> 1;
        };
        if (arity >= 0 && rest.size() != arity || arity == -1 && rest.size() > 1 || arity == -2 && rest.isEmpty()
                || arity == -3 && (rest.isEmpty() || rest.size() > 2)) {
            throw new Usage("'" + command + "' takes " + COMMANDS.get(command).split("  ")[0].substring(command.length()).strip()
                    + "; see groupkit " + target.name() + " " + command + " --help");
        }
        GroupRef group = rest.isEmpty() || command.equals("groups") ? null : target.group(rest.get(0));
        PeopleFile.Read read = switch (command) {
            case "add", "remove" -> new PeopleFile.Read(List.of(new PeopleFile.Row(0, target.person(rest.get(1), o.region()))),
                    List.of());
            case "requests" -> new PeopleFile.Read(rest.size() == 3 ? List.of(new PeopleFile.Row(0,
                    target.person(rest.get(2), o.region()))) : List.of(), List.of());
            case "bulk-add" -> readPeople(Path.of(rest.get(1)), target, o);
            case "invite-link" -> new PeopleFile.Read(rest.size() < 2 ? List.of()
                    : List.of(new PeopleFile.Row(0, target.person(rest.get(1), o.region()))), List.of());
            default -> new PeopleFile.Read(List.of(), List.of());
        };
        List<PeopleFile.Row> rows = read.rows();
        List<GroupRef> watched = new ArrayList<>();
        if (command.equals("watch")) {
            for (String g : rest) {
                watched.add(target.group(g));
            }
        }
        java.util.function.UnaryOperator<Policies.Builder> tune = b -> {
            if (o.inviteLink() != null) {
                b.inviteFallback(o.inviteLink());
            }
            return store == null ? b : b.invitations(store);
        };
        // Everything the command needs was read and checked: only now is anything connected.
        Connection connection;
        com.fasterxml.jackson.databind.JsonNode running = null;
        if (o.simulator()) {
            // A world given for this command gets an embedded simulator; else a running one, if any.
            SimulatorWorld world = o.world() == null ? null : SimulatorWorld.read(o.world());
            running = world == null ? SharedSimulator.running(SharedSimulator.dir(null, env)).orElse(null) : null;
            if (running == null && command.equals("watch")) {
                // An embedded simulator lives as long as this command: nobody else could change its groups.
                throw new Usage("watch --simulator watches a running simulator, whose groups other commands change:"
                        + " start one with 'groupkit simulator start' in another terminal, then add and remove people"
                        + " there with --simulator");
            }
            connection = running != null ? target.attach(running.path(target.name()), env, tune)
                    : target.simulate(world == null ? SimulatorWorld.builtIn() : world,
                    rows.stream().map(PeopleFile.Row::member).toList(), tune);
        } else {
            Map<String, String> credentials = credentials(target, o.config());
            if (target instanceof TelegramBotTarget) {
                // Not a credential (not required): --api-url, else the same source's TELEGRAM_BOT_API_URL.
                String url = o.apiUrl() != null ? o.apiUrl() : (o.config() == null ? env : readConfig(o.config()))
                        .get(TelegramBotTarget.API_URL_KEY);
                if (url != null && !url.isBlank()) {
                    credentials = new LinkedHashMap<>(credentials);
                    credentials.put(TelegramBotTarget.API_URL_KEY, url.strip());
                }
            }
            try {
                connection = target.connect(credentials, tune);
            } catch (Usage malformed) {
                throw new CredentialProblem(malformed.getMessage());
            }
        }
        try (Connection c = connection) {
            if (o.simulator() && !o.json() && !command.equals("watch")) {
                err.println(running == null ? "(on the embedded " + target.name() + " simulator: nothing leaves this machine)"
                        : "(on the running " + target.name() + " simulator at " + c.endpoint() + ": nothing leaves this machine)");
            }
            Printer printer = new Printer(out, o.json(), o.showNumbers(), target.name());
            if (target instanceof TelegramBotTarget && !o.json()) {
                String cannot = TelegramBotTarget.cannot(command, rest.size(), o.all());
                if (cannot != null) {
                    err.println("(" + cannot + ")");
                }
            }
            GroupRef g = group == null ? null : c.groups().apply(group);
            boolean simulatedTime = o.simulator() && running == null;
            String where = simulatedTime ? "the embedded simulator" : c.endpoint();
            Member who = rows.isEmpty() ? null : rows.get(0).member();
            switch (command) {
                case "add" -> {
                    return single(printer, who, c.client().addAsync(g, c.people().apply(who)), where,
                            "the add of " + Printer.display(who, o.showNumbers()), target, rest.get(0));
                }
                case "remove" -> {
                    return single(printer, who, c.client().removeAsync(g, c.people().apply(who)), where,
                            "the removal of " + Printer.display(who, o.showNumbers()), target, rest.get(0));
                }
                case "invite-link" -> {
                    if (who != null) {
                        return single(printer, who, c.client().inviteLinkAsync(g, c.people().apply(who)), where,
                                "the link for " + Printer.display(who, o.showNumbers()), target, null);
                    }
                    return single(printer, null, c.client().inviteLinkAsync(g), where, "the invite link", target, null);
                }
                case "members" -> {
                    Optional<MembersResult> r = await(c.client().membersAsync(g), where, "the member list");
                    if (r.isEmpty()) {
                        return interrupted("the member list", null, target, null);
                    }
                    if (r.get() instanceof Members m) {
                        printer.members(m);
                        return ExitCodes.DONE;
                    }
                    return show(printer, null, r.get());
                }
                case "watch" -> {
                    return new WatchCommand(out, err, new EventLines(o.showNumbers(), target::write), o.json(), target::write,
                            target.name())
                            .watch(c.client(), watched.stream().map(c.groups()).toList(),
                                    store == null ? MembershipStore.inMemory() : store, o.state(), o.interval(), cancellation);
                }
                case "requests" -> {
                    return requests(c, printer, g, rest, who, o, where, target);
                }
                case "invitations" -> {
                    return new WatchCommand(out, err, new EventLines(o.showNumbers(), target::write), o.json(), target::write,
                            target.name())
                            .invitations(c.client(), g, java.util.Objects.requireNonNull(store));
                }
                case "check" -> {
                    return single(printer, null, java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> c.check().apply(Optional.ofNullable(g)), Cli::daemon), where, "the check", target, null);
                }
                case "groups" -> {
                    Optional<Integer> code = await(java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> groups(c, printer, target, rest.isEmpty() ? "" : rest.get(0), o), Cli::daemon),
                            where, "the group listing");
                    return code.orElseGet(() -> interrupted("the group listing", null, target, null));
                }
                default -> {
                    return bulk(c, g, read, printer, o, where, simulatedTime);
                }
            }
        }
    }

    /** {@code requests GROUP}, {@code requests GROUP approve|decline PERSON}, {@code requests GROUP approve|decline --all}. */
    private static void checkRequests(List<String> rest, Options o, Target target) throws Usage {
        String usage = "'requests' takes <group> to list, or <group> approve|decline <person> (or --all); see groupkit "
                + target.name() + " requests --help";
        if (rest.isEmpty() || rest.size() > 3) {
            throw new Usage(usage);
        }
        if (rest.size() == 1) {
            if (o.all()) {
                throw new Usage("--all goes with approve or decline: groupkit " + target.name() + " requests "
                        + rest.get(0) + " approve --all");
            }
            return;
        }
        if (!rest.get(1).equals("approve") && !rest.get(1).equals("decline")) {
            throw new Usage("expected approve or decline after the group, got '" + rest.get(1) + "'");
        }
        if (rest.size() == 2 && !o.all()) {
            throw new Usage(rest.get(1) + " needs a person, or --all for everyone waiting");
        }
        if (rest.size() == 3 && o.all()) {
            throw new Usage("give a person or --all, not both");
        }
    }

    /** Lists the pending join requests, or approves or declines one person's or everyone's. */
    private int requests(Connection c, Printer printer, GroupRef g, List<String> rest, @Nullable Member who, Options o,
                         String where, Target target) {
        if (rest.size() == 1) {
            Optional<io.groupkit.core.JoinRequestsResult> r = await(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> c.client().joinRequests(g), Cli::daemon), where, "the join requests");
            if (r.isEmpty()) {
                return interrupted("the join requests", null, target, null);
            }
            if (r.get() instanceof io.groupkit.core.JoinRequests all) {
                printer.joinRequests(all);
                return ExitCodes.DONE;
            }
            return show(printer, null, r.get());
        }
        io.groupkit.core.JoinDecision decision = rest.get(1).equals("approve") ? io.groupkit.core.JoinDecision.APPROVE
                : io.groupkit.core.JoinDecision.DECLINE;
        String verb = decision == io.groupkit.core.JoinDecision.APPROVE ? "approval" : "refusal";
        if (who == null) {
            return single(printer, null, c.client().decideAllJoinRequestsAsync(g, decision), where,
                    "the " + verb + " of every join request", target, null);
        }
        return single(printer, who, c.client().decideJoinRequestAsync(g, c.people().apply(who), decision), where,
                "the " + verb + " of " + Printer.display(who, o.showNumbers()) + "'s join request", target, rest.get(0));
    }

    /** {@code groupkit simulator start|stop|status}. */
    private int simulator(Options o) {
        String command = o.words().size() < 2 ? "" : "simulator " + o.words().get(1);
        if (!SIMULATOR_COMMANDS.containsKey(command)) {
            if (o.help()) {
                out.print(help());
                return ExitCodes.DONE;
            }
            return usage("expected start, stop or status after 'simulator'");
        }
        if (o.help()) {
            out.print(simulatorHelp(command));
            return ExitCodes.DONE;
        }
        if (o.words().size() > 2) {
            return usage("'" + command + "' takes no arguments; see groupkit " + command + " --help");
        }
        Path dir = SharedSimulator.dir(o.dir(), env);
        if (dir == null) {
            return usage("no state directory: give --dir DIR (or set GROUPKIT_SIMULATOR_DIR or HOME)");
        }
        try {
            List<Target> targets = new ArrayList<>();
            for (Target t : TARGETS.values()) {
                // Green-API's simulator serves the one messenger --product names.
                targets.add(t instanceof GreenApiTarget ? t.configured(o.product(), Map.of(), "the command line") : t);
            }
            return switch (command) {
                case "simulator start" -> SharedSimulator.start(dir, o.state() == null ? SimulatorWorld.builtIn()
                        : SimulatorWorld.read(o.state()), targets, out, err, cancellation);
                case "simulator stop" -> SharedSimulator.stop(dir, out, err);
                default -> SharedSimulator.status(dir, out);
            };
        } catch (Usage u) {
            return usage(u.getMessage());
        }
    }

    /** One call: its outcome, a note when it stays silent, and an answer within a second of Ctrl-C. */
    private <R extends Outcome> int single(Printer printer, Member who, java.util.concurrent.CompletableFuture<R> call,
                                           String where, String what, Target target, String group) {
        Optional<R> r = await(call, where, what);
        if (r.isEmpty()) {
            return interrupted(what, who, target, group);
        }
        return show(printer, who, r.get());
    }

    /**
     * Waits for a call, saying so on standard error when it stays silent; empty when Ctrl-C came
     * first (the call may still be under way: nothing waits for it).
     */
    private <T> Optional<T> await(java.util.concurrent.CompletableFuture<T> call, String where, String what) {
        java.util.concurrent.CompletableFuture<Object> either = java.util.concurrent.CompletableFuture.anyOf(call,
                cancellation.whenCancelled().toCompletableFuture());
        long waited = 0;
        while (true) {
            try {
                either.get(SILENCE_NOTE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                break;
            } catch (java.util.concurrent.TimeoutException silent) {
                waited += SILENCE_NOTE.toSeconds();
                err.println("(still waiting for " + where + " after " + waited + " s for " + what
                        + "; it gives up after 60 s per attempt; Ctrl-C stops)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (java.util.concurrent.ExecutionException e) {
                break; // the call's own failure: join() below reports it
            }
        }
        return call.isDone() && !cancellation.isCancelled() ? Optional.of(call.join()) : Optional.empty();
    }

    private int interrupted(String what, Member who, Target target, String group) {
        err.println();
        err.println("Interrupted: " + what + " was under way; whether it took effect is not known.");
        if (who != null && group != null) {
            err.println("Check with: groupkit " + target.name() + " members " + group);
        }
        return ExitCodes.INTERRUPTED;
    }

    private static void daemon(Runnable work) {
        Thread t = new Thread(work, "groupkit-command");
        t.setDaemon(true);
        t.start();
    }

    /** The tool's version, from the build. */
    static String version() {
        try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A bulk-add's file, read and checked; its rejected lines written to --rejects whether the run goes on or not. */
    private PeopleFile.Read readPeople(Path file, Target target, Options o) throws Usage {
        PeopleFile.Read read = PeopleFile.read(file, target, o.region());
        if (o.rejects() != null) {
            PeopleFile.writeRejects(o.rejects(), read.rejected());
        }
        PeopleFile.check(file, read, o.skipInvalid());
        return read;
    }

    private int bulk(Connection c, GroupRef group, PeopleFile.Read read, Printer printer, Options o, String where,
                     boolean simulatedTime) {
        List<PeopleFile.Row> rows = read.rows();
        List<Member> people = rows.stream().map(r -> c.people().apply(r.member())).toList();
        ProgressBar bar = new ProgressBar(err, interactive, simulatedTime);
        Silence silence = new Silence(err, where);
        BulkOptions options = BulkOptions.defaults().cancellation(cancellation).abandonAfterCancel(INTERRUPT_GRACE)
                .onProgress(bar.andThen(p -> silence.heard()).andThen(progressListener));
        if (simulatedTime) {
            options = options.concurrency(1); // simulated time runs the calls one at a time anyway
        }
        if (o.journal() != null) {
            // One job per provider and group: the same file, run again, skips whoever is done.
            options = options.journal(BulkJournal.file(o.journal()), c.client().provider() + " " + group.key());
        }
        BulkReport report;
        try (silence) {
            report = c.client().addAll(group, people, options);
        }
        bar.endLine();
        boolean interrupted = cancellation.isCancelled();
        printer.bulk(report, rows, interrupted, o.journal(), read.rejected(), o.rejects());
        if (interrupted) {
            return ExitCodes.INTERRUPTED;
        }
        if (report.stoppedBy().isPresent()) {
            int code = ExitCodes.of(report.stoppedBy().get());
            return code == ExitCodes.NOT_DONE ? ExitCodes.STOPPED : code;
        }
        return report.allSucceeded() ? ExitCodes.DONE : ExitCodes.NOT_DONE;
    }

    /** Every group of the account whose title holds the filter, by title, as the seed's connect dialog shows them. */
    private int groups(Connection c, Printer printer, Target target, String filter, Options o) {
        GroupsResult r = o.details()
                ? allPages(c, GroupsPage.first().limit(GroupsPage.MAX_LIMIT).details(GroupsPage.Details.LOOKED_UP))
                : c.client().groups();
        if (!(r instanceof Groups all)) {
            return show(printer, null, r);
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        List<GroupInfo> shown = all.groups().stream()
                .filter(g -> g.title().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing((GroupInfo g) -> g.title().toLowerCase(Locale.ROOT)).thenComparing(g -> g.group().key()))
                .toList();
        printer.groups(shown, all.groups().size(), filter.strip(), target::write);
        return ExitCodes.DONE;
    }

    /** Every page of a listing that asks for details on each one. */
    private static GroupsResult allPages(Connection c, GroupsPage first) {
        List<GroupInfo> all = new ArrayList<>();
        GroupsPage page = first;
        for (int pages = 0; pages < 1_000; pages++) {
            GroupsResult r = c.client().groups(page);
            if (!(r instanceof Groups g)) {
                return r;
            }
            all.addAll(g.groups());
            if (g.next().isEmpty()) {
                return new Groups(g.detail(), all, Optional.empty());
            }
            page = GroupsPage.after(g.next().get()).limit(first.limit()).details(first.details());
        }
        return new Groups(io.groupkit.core.ProviderDetail.of(c.client().provider(), "TOO_MANY_PAGES"), all, Optional.empty());
    }

    private int show(Printer printer, Member who, Outcome o) {
        printer.outcome(who, o);
        return ExitCodes.of(o);
    }

    // ---- options and credentials ----

    private Options options(String[] args) throws Usage {
        java.util.EnumMap<CliOption, String> given = new java.util.EnumMap<>(CliOption.class);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            Optional<CliOption> option = CliOption.named(a);
            if (option.isEmpty()) {
                if (a.startsWith("--")) {
                    throw new Usage("unknown option " + a + ": expected one of " + CliOption.all());
                }
                words.add(a);
                continue;
            }
            CliOption o = option.get();
            String value = "";
            if (o.argument != null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new Usage(o.name + " needs " + o.argument + ": " + o.name + " " + example(o));
                }
                value = args[++i];
            }
            given.put(o, value);
        }
        // Each option is for the commands the table gives it; elsewhere it is a mistake, not ignored.
        String command = words.size() < 2 ? null : words.get(0).equals("simulator") ? "simulator " + words.get(1) : words.get(1);
        if (command != null && (COMMANDS.containsKey(command) || SIMULATOR_COMMANDS.containsKey(command))) {
            for (CliOption o : given.keySet()) {
                if (!o.commands.isEmpty() && !o.appliesTo(command)) {
                    throw new Usage(o.name + " is not for " + command + ": it is for " + o.commands.stream().sorted()
                            .collect(java.util.stream.Collectors.joining(", ")) + " (see groupkit " + words.get(0) + " "
                            + words.get(1) + " --help)");
                }
            }
        }
        String region = given.containsKey(CliOption.REGION) ? given.get(CliOption.REGION).strip() : env.get("GROUPKIT_REGION");
        if (given.containsKey(CliOption.REGION) && !region.matches("[A-Za-z]{2}")) {
            throw new Usage("--region needs a two-letter country code: --region RU reads 8 (900) 123-45-67"
                    + " as +7 900 123-45-67");
        }
        if (region != null) {
            region = region.isBlank() ? null : region.strip().toUpperCase(Locale.ROOT);
        }
        boolean simulator = given.containsKey(CliOption.SIMULATOR);
        if (simulator && given.containsKey(CliOption.CONFIG)) {
            throw new Usage("--simulator needs no credentials: leave out --config");
        }
        if (given.containsKey(CliOption.SIMULATOR_STATE) && !simulator) {
            throw new Usage("--simulator-state goes with --simulator: it is the simulator's world");
        }
        java.util.function.Function<CliOption, Path> path = o -> given.containsKey(o) ? Path.of(given.get(o)) : null;
        return new Options(simulator, given.containsKey(CliOption.JSON), given.containsKey(CliOption.ALL),
                given.containsKey(CliOption.HELP),
                given.containsKey(CliOption.DETAILS), given.containsKey(CliOption.SHOW_NUMBERS),
                given.containsKey(CliOption.VERSION), path.apply(CliOption.CONFIG), path.apply(CliOption.JOURNAL), region,
                given.containsKey(CliOption.SKIP_INVALID), path.apply(CliOption.REJECTS), path.apply(CliOption.SIMULATOR_STATE),
                path.apply(CliOption.STATE), path.apply(CliOption.DIR),
                given.containsKey(CliOption.INTERVAL) ? duration(given.get(CliOption.INTERVAL)) : java.time.Duration.ofSeconds(30),
                given.containsKey(CliOption.INVITE_LINK) ? fallback(given.get(CliOption.INVITE_LINK)) : null,
                given.get(CliOption.PRODUCT), given.get(CliOption.API_URL), words);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
    static java.time.Duration duration(String text) throws Usage {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)").matcher(text.strip());
        java.time.Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> java.time.Duration.ofMillis(n);
                case "s" -> java.time.Duration.ofSeconds(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                default -> java.time.Duration.ofHours(n);
            };
        } else {
            try {
                d = java.time.Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                d = java.time.Duration.ZERO;
            }
        }
        if (d.toMillis() < 1) {
            throw new Usage("--interval needs a time such as 30s, 500ms or 2m, got '" + text + "'");
        }
        return d;
    }

    private static io.groupkit.core.policy.InviteFallback fallback(String text) throws Usage {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "attach" -> io.groupkit.core.policy.InviteFallback.ATTACH_LINK;
            case "send" -> io.groupkit.core.policy.InviteFallback.ATTACH_AND_SEND;
            default -> throw new Usage("--invite-link takes attach (the link is added to the outcome) or send (it is also"
                    + " sent to the person), got '" + text + "'");
        };
    }

    private static String example(CliOption o) {
        return switch (o) {
            case CONFIG -> "groupkit.properties";
            case JOURNAL -> "people.journal";
            case REJECTS -> "rejected.csv";
            case REGION -> "RU";
            case SIMULATOR_STATE -> "examples/simulator-world.json";
            case STATE -> "watch-state";
            case INTERVAL -> "30s";
            case INVITE_LINK -> "send";
            case PRODUCT -> "max";
            default -> "~/.groupkit/simulator";
        };
    }

    /** Credentials missing, malformed or unreadable: exit code 3. */
    private static final class CredentialProblem extends Exception {
        private static final long serialVersionUID = 1L;

        CredentialProblem(String message) {
            super(message, null, false, false);
        }
    }

    private Map<String, String> credentials(Target target, Path config) throws Usage, CredentialProblem {
        Map<String, String> source = config == null ? env : readConfig(config);
        Map<String, String> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : target.credentialKeys()) {
            String v = source.get(key);
            if (v == null || v.isBlank()) {
                missing.add(key);
            } else {
                found.put(key, v.strip());
            }
        }
        if (!missing.isEmpty()) {
            throw new CredentialProblem("missing " + String.join(", ", missing) + ": set "
                    + String.join(", ", target.credentialKeys()) + (config == null ? " in the environment or in a --config file"
                    : " in " + config) + " (never on the command line), or try it with --simulator");
        }
        return found;
    }

    private static Map<String, String> readConfig(Path file) throws CredentialProblem {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new CredentialProblem(file + " holds credentials and others may read it: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new CredentialProblem("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CredentialProblem("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        try {
            return ConfigFile.parse(file.toString(), lines);
        } catch (Usage bad) {
            throw new CredentialProblem(bad.getMessage());
        }
    }

    // ---- help ----

    private int usage(String message) {
        err.println("groupkit: " + message);
        err.println("Run 'groupkit --help' for the commands.");
        if (jsonOut) {
            // A script reading --json output gets the refusal as an object too, not an empty stream.
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("error", "USAGE");
            refusal.put("message", message);
            refusal.put("exitCode", ExitCodes.USAGE);
            try {
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(refusal));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a map of strings is always JSON", e);
            }
        }
        return ExitCodes.USAGE;
    }

    static String help() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: groupkit <provider> <command> [arguments] [options]\n\n");
        b.append("Providers: ").append(String.join(", ", TARGETS.keySet())).append("\n\nCommands:\n");
        COMMANDS.values().forEach(c -> b.append("  ").append(c).append('\n'));
        b.append("\nSimulator (one that outlives a command, for the Telegram login and a world to rehearse in):\n");
        SIMULATOR_COMMANDS.values().forEach(c -> b.append("  ").append(c).append('\n'));
        b.append("\nOptions:\n");
        for (CliOption o : CliOption.values()) {
            b.append(wrap(String.format("  %-24s", o.name + (o.argument == null ? "" : " " + o.argument)), o.help));
        }
        b.append("\nCredentials (environment or --config, never arguments):\n");
        TARGETS.values().forEach(t -> b.append("  ").append(column(t.name()))
                .append(String.join(", ", t.credentialKeys())).append('\n'));
        b.append("  ").append(String.format("%-9s", "")).append("and, for another messenger than WhatsApp, ")
                .append(GreenApiTarget.PRODUCT_KEY).append(" (max, telegram, instagram);\n");
        b.append("  ").append(String.format("%-9s", "")).append(GreenApiTarget.PATH_PREFIX_KEY)
                .append(" when the instance answers under another path\n");
        b.append("  ").append(String.format("%-9s", "")).append("(MAX: /v3 unless set; empty for none)\n");
        b.append("\nGroups:\n");
        TARGETS.values().forEach(t -> b.append("  ").append(column(t.name())).append(t.groupExample()).append('\n'));
        b.append("\nPeople: +79001234568 (phone; Green-API takes bare digits too), @alice (Telegram username),\n");
        b.append("        7 (Bitrix24 user id), 123456789 or 123456789:ACCESS_HASH (Telegram user id);\n");
        b.append("        greenapi --product max|telegram|instagram: 10000000 (the person's id there), @alice\n");
        b.append("        (telegram, instagram), +79001234568 (max: +7/+375 only; telegram);\n");
        b.append("        telegram-bot: 123456789 (a user id only: a bot looks nobody up)\n");
        b.append("\nExit codes: 0 done, 1 not (all) done, 2 bad usage or input (nothing sent), 3 credentials (missing,\n");
        b.append("            malformed or unreadable),\n");
        b.append("            4 the provider stopped the work (spam limit, quota), 130 interrupted (Ctrl-C)\n");
        return b.toString();
    }

    /** A provider's name as the first column of a list: 9 wide, a longer one followed by a space. */
    static String column(String name) {
        return name.length() < 9 ? String.format("%-9s", name) : name + " ";
    }

    /** One option's help: its name, then its text wrapped at 100 columns under itself. */
    private static String wrap(String name, String text) {
        // An option as long as the column (--invite-link attach|send) still needs a space before its text.
        String head = name.endsWith(" ") ? name : name + " ";
        StringBuilder b = new StringBuilder(head);
        int column = head.length();
        for (String word : text.split(" ")) {
            if (column + 1 + word.length() > 100 && column > head.length()) {
                b.append('\n').append(" ".repeat(head.length()));
                column = head.length();
            } else if (column > head.length()) {
                b.append(' ');
                column++;
            }
            b.append(word);
            column += word.length();
        }
        return b.append('\n').toString();
    }

    /** {@code groupkit simulator <command> --help}. */
    private static String simulatorHelp(String command) {
        String line = SIMULATOR_COMMANDS.get(command);
        StringBuilder b = new StringBuilder("Usage: groupkit " + line.split("  ")[0] + " " + CliOption.usageOf(command)
                + "\n\n" + line.substring(line.indexOf("  ")).strip() + ".\n\n");
        for (CliOption o : CliOption.values()) {
            if (o.appliesTo(command)) {
                b.append(wrap(String.format("  %-24s", o.name + (o.argument == null ? "" : " " + o.argument)), o.help));
            }
        }
        return b.toString();
    }

    private static String commandHelp(Target target, String command) {
        String line = COMMANDS.get(command);
        StringBuilder b = new StringBuilder("Usage: groupkit " + target.name() + " " + line.split("  ")[0] + " "
                + CliOption.usageOf(command) + "\n\n" + line.substring(line.indexOf("  ")).strip() + ".\n\n");
        for (CliOption o : CliOption.values()) {
            if (o.appliesTo(command)) {
                b.append(wrap(String.format("  %-24s", o.name + (o.argument == null ? "" : " " + o.argument)), o.help));
            }
        }
        b.append('\n');
        b.append("group: ").append(target.groupExample()).append('\n');
        if (command.equals("bulk-add")) {
            b.append("file: a CSV file, one person per line in the first column; blank lines, # comments and a header\n");
            b.append("      row are skipped. Every line is checked before anything is sent. Progress goes to standard\n");
            b.append("      error; Ctrl-C stops at once and prints what was done, who was under way (not known)\n");
            b.append("      and the line to run again from. With --journal FILE, running the same command again skips\n");
            b.append("      whoever is done, checks the people who were under way against the group before sending\n");
            b.append("      them anything, and sends the rest. A line whose first column is empty while others are\n");
            b.append("      not (,Anna) is rejected, not skipped. A rejected line stops the whole file unless\n");
            b.append("      --skip-invalid sets it aside; --rejects FILE keeps the rejected lines to fix.\n");
        }
        if (command.equals("watch")) {
            b.append("Looks at each group in turn (paced like every other call) and prints what changed: JOINED (by\n");
            b.append("invitation and after how long, when an add with --invite-link and the same --state sent them the\n");
            b.append("link), LEFT, REMOVED, PROMOTED, DEMOTED, JOIN_REQUESTED. A group is listed and compared, or, where\n");
            b.append("the provider keeps a record of its changes (Telegram: a supergroup's admin log when the account is\n");
            b.append("an admin, a basic group's updates), followed by that record: every change, its exact time, who did\n");
            b.append("it and the link used. The first listing of a group is its baseline. Notes and\n");
            b.append("problems go to standard error. With --state DIR, run the same command again after Ctrl-C or a\n");
            b.append("crash: it goes on from where it stopped and prints no event twice (after a crash, at most the one\n");
            b.append("being printed). With --simulator it watches a running 'groupkit simulator start'.\n");
            if (target instanceof TelegramBotTarget) {
                b.append("A bot lists nothing: Telegram tells it of every change (getUpdates, asked every --interval),\n");
                b.append("with the link a person joined by; a new watch starts from now. One reader per bot: not\n");
                b.append("while a webhook is set or another program polls the same bot.\n");
            }
        }
        if (command.equals("requests")) {
            b.append("People who asked to join through a link that needs an admin's approval (or a group that asks\n");
            b.append("for it). Without more, lists them, newest first: who, when, and what they wrote. approve PERSON\n");
            b.append("lets one in, decline PERSON turns them down; --all does it for everyone waiting. A person is\n");
            b.append("given as listed (a user id) or any way the provider takes people. Telegram only: Green-API and\n");
            b.append("Bitrix24 document no join requests and answer UNSUPPORTED.\n");
        }
        if (command.equals("invitations")) {
            b.append("Reads --state DIR (where add and bulk-add with --invite-link and --state recorded the links they\n");
            b.append("sent or attached, and where watch closed them when the person joined); nothing is sent.\n");
        }
        if (command.equals("login")) {
            b.append("Makes a new auth key with Telegram, asks for the login code (and the two-step password, not echoed,\n");
            b.append("when the account has one) and saves the session to <session-file>, readable by you only.\n");
            b.append("Needs TELEGRAM_API_ID and TELEGRAM_API_HASH (my.telegram.org); with --simulator none.\n");
        }
        if (command.equals("check") && target.name().equals("bitrix24")) {
            b.append("Bitrix24 has no call that only checks a webhook: give a chat, whose members are listed.\n");
        }
        b.append("credentials: ").append(String.join(", ", target.credentialKeys())).append('\n');
        return b.toString();
    }
}
