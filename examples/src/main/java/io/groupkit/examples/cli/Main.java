package io.groupkit.examples.cli;

import io.groupkit.core.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The {@code groupkit} command's entry point; see {@link Cli}. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Cancellation cancellation = new Cancellation();
        CountDownLatch reported = new CountDownLatch(1);
        // Ctrl-C: stop the command, which reports within a second (calls under way are not waited
        // for beyond Cli.INTERRUPT_GRACE), then let the JVM go.
        Thread onInterrupt = new Thread(() -> {
            cancellation.cancel();
            try {
                reported.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "groupkit-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int code = Cli.run(args, System.getenv(), System.out, System.err, cancellation, System.console() != null,
                Keyboard.system(System.err));
        System.out.flush();
        reported.countDown();
        if (!cancellation.isCancelled()) {
            // After Ctrl-C the JVM is already shutting down (and exits 130): exit() would block.
            System.exit(code);
        }
    }
}
