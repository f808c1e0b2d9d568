package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Servers of a fleet as JVM processes on the test class path, each with its output in a file of
 * its own. A server prints {@code READY} when it is set up, waits for a line on its input, does its
 * work and prints {@code COUNTS} and the report's counts.
 */
final class Jvms {
    private final Path dir;

    Jvms(Path dir) {
        this.dir = dir;
    }

    /** Starts server {@code server} running {@code main} with {@code args}. */
    Process start(int server, Class<?> main, String... args) throws Exception {
        return start(server, List.of(), main, args);
    }

    /**
     * Starts a short-lived server: the JIT's first tier only and the serial collector, which start
     * sooner on a busy machine (the watch tests start a dozen).
     */
    Process startQuick(int server, Class<?> main, String... args) throws Exception {
        return start(server, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), main, args);
    }

    private Process start(int server, List<String> options, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        File out = output(server).toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
    }

    Path output(int server) {
        return dir.resolve("server-" + server + ".txt");
    }

    String outputOf(int server) throws Exception {
        return Files.readString(output(server));
    }

    /** Waits until the server has printed {@code text}, or fails when it ends first or after a minute. */
    void awaitOutput(int server, Process p, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!outputOf(server).contains(text)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("server " + server + " did not print " + text + ": " + outputOf(server));
            }
            Thread.sleep(20);
        }
    }

    /** Every server ready, then all started at once; each must end well and print {@code expectedCounts}. */
    void runTogether(List<Process> servers, String expectedCounts) throws Exception {
        for (int s = 0; s < servers.size(); s++) {
            awaitOutput(s, servers.get(s), "READY");
        }
        for (Process p : servers) {
            p.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        for (int s = 0; s < servers.size(); s++) {
            Process p = servers.get(s);
            boolean ended = p.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                servers.forEach(Process::destroyForcibly);
            }
            String out = outputOf(s);
            assertTrue(ended, "server " + s + " did not finish: " + out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("COUNTS " + expectedCounts), out);
        }
    }

    /** Blocks until the parent says go (a line on standard input). */
    static void awaitGo() throws java.io.IOException {
        System.out.println("READY");
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
