package io.groupkit.telegram.internal;

import io.groupkit.core.EventsResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unsupported;
import io.groupkit.telegram.TelegramGroup;
import java.util.Optional;

/**
 * A basic group's membership changes from the account's updates, with their gaps filled by
 * {@code updates.getDifference}: the cursor is the common update state (pts, qts, date, seq).
 */
final class BasicGroupEvents {
    private final HomeConnection connection;

    BasicGroupEvents(HomeConnection connection) {
        this.connection = connection;
    }

    /** Blocking: runs on the provider's executor. */
    EventsResult read(TelegramGroup.BasicGroup group, Optional<String> cursor) {
        return new Unsupported(ProviderDetail.of(TelegramAnswers.PROVIDER, "UNSUPPORTED")
                .withDescription("the updates are not read yet (connection " + (connection != null) + ")"));
    }
}
