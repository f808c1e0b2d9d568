package io.groupkit.telegram.internal;

import io.groupkit.mtproto.TlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what the server pushes into the account's {@link UpdateBox}, on the thread reading the connection. */
final class PushedUpdates implements MtprotoConnection.Updates {
    private static final Logger LOG = LoggerFactory.getLogger(PushedUpdates.class);

    private final UpdateBox box;

    PushedUpdates(UpdateBox box) {
        this.box = box;
    }

    @Override
    public void pushed(byte[] body) {
        try {
            box.pushed(UpdatesTl.readPushed(body));
        } catch (TlException | RuntimeException e) {
            // An update that cannot be read may be the one a read needs: the difference is fetched instead.
            LOG.debug("could not read pushed updates: {}", e.getMessage());
            box.lost();
        }
    }

    @Override
    public void lost() {
        box.lost();
    }
}
