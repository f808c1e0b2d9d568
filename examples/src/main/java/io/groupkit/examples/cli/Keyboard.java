package io.groupkit.examples.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;

/** Where a command asks the person at the terminal: a line, or a secret that is not echoed. */
interface Keyboard {
    /**
     * A line the person types.
     *
     * @param prompt what to ask
     * @return the line, or null at end of input
     */
    String line(String prompt);

    /**
     * A secret the person types, not echoed where the terminal allows.
     *
     * @param prompt what to ask
     * @return the secret, or null at end of input
     */
    char[] secret(String prompt);

    /** No input at all: every question gets end of input. */
    Keyboard NONE = new Keyboard() {
        @Override
        public String line(String prompt) {
            return null;
        }

        @Override
        public char[] secret(String prompt) {
            return null;
        }
    };

    /** The terminal when there is one (secrets not echoed), else lines of standard input. */
    static Keyboard system(PrintStream err) {
        Console console = System.console();
        if (console != null) {
            return new Keyboard() {
                @Override
                public String line(String prompt) {
                    return console.readLine("%s", prompt);
                }

                @Override
                public char[] secret(String prompt) {
                    return console.readPassword("%s", prompt);
                }
            };
        }
        return lines(new BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)), err);
    }

    /** Lines of a reader (a pipe, a test): secrets are read as lines, and nothing is echoed by this side. */
    static Keyboard lines(BufferedReader in, PrintStream err) {
        return new Keyboard() {
            @Override
            public String line(String prompt) {
                err.print(prompt);
                err.flush();
                try {
                    return in.readLine();
                } catch (IOException e) {
                    return null;
                }
            }

            @Override
            public char[] secret(String prompt) {
                String s = line(prompt);
                return s == null ? null : s.toCharArray();
            }
        };
    }
}
