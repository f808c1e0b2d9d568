package io.groupkit.examples.cli;

import io.groupkit.core.BulkProgress;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * A bulk run's progress on standard error: redrawn in place on a terminal, a line per tenth
 * otherwise (logs, pipes, tests).
 */
final class ProgressBar implements Consumer<BulkProgress> {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean interactive;
    private final boolean simulated;
    private int lastTenth = -1;
    private boolean lineOpen; // a redrawn line without its newline yet

    ProgressBar(PrintStream err, boolean interactive, boolean simulated) {
        this.err = err;
        this.interactive = interactive;
        this.simulated = simulated;
    }

    @Override
    public void accept(BulkProgress p) {
        int tenth = p.total() == 0 ? 10 : p.done() * 10 / p.total();
        if (!interactive && tenth == lastTenth && p.done() != p.total()) {
            return;
        }
        lastTenth = tenth;
        int filled = p.total() == 0 ? WIDTH : p.done() * WIDTH / p.total();
        String line = String.format("[%s%s] %d/%d  %.1f/s  ETA %s%s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                p.done(), p.total(), p.perSecond(), p.eta().map(ProgressBar::duration).orElse("-"),
                simulated ? "  (simulated time)" : "");
        synchronized (this) {
            if (interactive) {
                // Back to the line's start, the new text, then clear what a longer old text left.
                err.print("\r" + line + "\033[K" + (p.done() == p.total() ? "\n" : ""));
                lineOpen = p.done() != p.total();
            } else {
                err.println(line);
            }
            err.flush();
        }
    }

    /** Ends a redrawn line, so that what is printed next starts on a line of its own. */
    synchronized void endLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    static String duration(java.time.Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
