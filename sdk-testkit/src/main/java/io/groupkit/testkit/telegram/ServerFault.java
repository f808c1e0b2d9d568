package io.groupkit.testkit.telegram;

import java.util.Objects;

/**
 * Something the fake server does to the next call instead of (or besides) answering it plainly.
 * Faults are queued with {@link TelegramSimulator#fault(ServerFault)} and used up one per call,
 * in order; service messages and acknowledgements do not use them up.
 */
public sealed interface ServerFault {
    /** Reject the call with {@code bad_server_salt} and a new salt (the client must resend). */
    record BadServerSalt() implements ServerFault {
    }

    /**
     * Reject the call with {@code bad_msg_notification}.
     *
     * @param code 16/17 (msg_id too low/high), 32/33 (seqno too low/high), or any other code
     */
    record BadMsgNotification(int code) implements ServerFault {
    }

    /**
     * Answer with an {@code rpc_error}, whatever the call.
     *
     * @param code the error code
     * @param message the error message, such as {@code FLOOD_WAIT_31}
     */
    record RpcError(int code, String message) implements ServerFault {
        /**
         * Checks the message.
         *
         * @param code the error code
         * @param message the error message
         */
        public RpcError {
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    /** Carry out the call, then close the connection without answering: the answer is lost. */
    record DropAfterApplying() implements ServerFault {
    }

    /** Close the connection as soon as the call arrives, without carrying it out. */
    record DropUnapplied() implements ServerFault {
    }

    /** Carry out the call and never answer, leaving the connection open. */
    record Silence() implements ServerFault {
    }

    /** Answer with the result {@code gzip_packed}. */
    record GzipAnswer() implements ServerFault {
    }

    /** Answer inside a {@code msg_container}, after an update and an acknowledgement. */
    record ContainerWithUpdates() implements ServerFault {
    }

    /**
     * Before the answer, send an update, a packet under a wrong key, a corrupted packet, one cut
     * short, and false answers (an {@code rpc_error}) for another session, with a client's msg_id
     * parity and with a msg_id ten minutes old; then send the answer twice.
     */
    record NoiseFirst() implements ServerFault {
    }

    /**
     * Answer with a transport error (a lone negative int) instead of a packet.
     *
     * @param code such as -404 or -429
     */
    record TransportError(int code) implements ServerFault {
    }
}
