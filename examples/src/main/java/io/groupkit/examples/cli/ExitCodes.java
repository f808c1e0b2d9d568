package io.groupkit.examples.cli;

import io.groupkit.core.AccountStatus;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;

/** What the process's exit code says, for scripts. */
final class ExitCodes {
    /** Everything was done. */
    static final int DONE = 0;
    /** Some or all of it was not done (each outcome says why). */
    static final int NOT_DONE = 1;
    /** The command or its input was wrong; nothing was sent. */
    static final int USAGE = 2;
    /** Credentials are missing, wrong or no longer valid. */
    static final int CREDENTIALS = 3;
    /** The provider stopped the work (spam limits, quota): do not retry soon. */
    static final int STOPPED = 4;
    /** Interrupted (Ctrl-C); what was done is reported. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    static int of(Outcome o) {
        if (o instanceof AccountStatus status) {
            return switch (status.state()) {
                case AUTHORIZED -> DONE;
                case NOT_AUTHORIZED -> CREDENTIALS;
                case SPAM_SUSPENDED, BANNED -> STOPPED;
                default -> NOT_DONE;
            };
        }
        if (o.isSuccess()) {
            return DONE;
        }
        if (o.kind() == OutcomeKind.UNAUTHORIZED) {
            return CREDENTIALS;
        }
        return o.kind() == OutcomeKind.SPAM_LIMITED || o.kind() == OutcomeKind.QUOTA_EXCEEDED ? STOPPED : NOT_DONE;
    }
}
