package io.groupkit.examples.cli;

import java.io.PrintStream;

/**
 * Says on standard error when a bulk run has heard nothing for a while (a server that accepts
 * connections and never answers), instead of leaving the person looking at a still progress line.
 * Its one thread is the command line's, not the library's, and ends with the run.
 */
final class Silence implements AutoCloseable {
    private final PrintStream err;
    private final String where;
    private final Thread watcher;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean done;

    Silence(PrintStream err, String where) {
        this.err = err;
        this.where = where;
        this.watcher = new Thread(this::watch, "groupkit-silence");
        watcher.setDaemon(true);
        watcher.start();
    }

    void heard() {
        lastHeard = System.nanoTime();
    }

    private void watch() {
        long noted = 0;
        while (!done) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long silentFor = (System.nanoTime() - lastHeard) / 1_000_000_000L;
            long every = Cli.SILENCE_NOTE.toSeconds();
            if (!done && silentFor >= every && silentFor / every > noted) {
                noted = silentFor / every;
                err.println();
                err.println("(no answer from " + where + " for " + silentFor + " s; each attempt gives up after 60 s;"
                        + " Ctrl-C stops and reports)");
            } else if (silentFor < every) {
                noted = 0;
            }
        }
    }

    @Override
    public void close() {
        done = true;
        watcher.interrupt();
    }
}
