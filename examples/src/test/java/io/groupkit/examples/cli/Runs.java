package io.groupkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.BulkProgress;
import io.groupkit.core.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs the command line in process and keeps what it printed. */
record Runs(int code, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Runs run(Map<String, String> env, String... args) {
        return run(env, new Cancellation(), p -> { }, args);
    }

    static Runs run(Map<String, String> env, Cancellation cancel, Consumer<BulkProgress> listener, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cancel, listener, false);
        return new Runs(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Runs run(String... args) {
        return run(Map.of(), args);
    }

    List<JsonNode> json() {
        return out.lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }

    JsonNode summary() {
        List<JsonNode> all = json();
        return all.get(all.size() - 1);
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
