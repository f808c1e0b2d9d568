package io.groupkit.telegram.internal;

/** What became of one RPC call: a result, an {@code rpc_error}, or a failure below the RPC layer. */
public sealed interface RpcAnswer {
    /**
     * The call's result object (gzip already inflated).
     *
     * @param body the TL object
     */
    record Result(byte[] body) implements RpcAnswer {
    }

    /**
     * The server refused the call.
     *
     * @param code the error code (303, 400, 401, 403, 406, 420, 500)
     * @param message the error message, such as {@code FLOOD_WAIT_31}
     */
    record Error(int code, String message) implements RpcAnswer {
    }

    /**
     * No answer came.
     *
     * @param stage how far the call got: never sent, or sent with its answer lost
     * @param transportCode a transport error code such as -404, or 0
     * @param reason what happened, free of secrets
     */
    record Failure(Stage stage, int transportCode, String reason) implements RpcAnswer {
    }

    /** How far a failed call got. */
    enum Stage {
        /** The call did not leave: it is safe to send again. */
        NOT_SENT,
        /** The call left; whether the server acted on it is unknown. */
        LOST,
        /**
         * The peer at the address is not Telegram (an HTTP server or proxy answered): no Telegram
         * server saw the call, and sending it again to the same address cannot help.
         */
        NOT_TELEGRAM
    }
}
