package io.groupkit.telegram.internal;

import io.groupkit.core.EventsResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unsupported;
import io.groupkit.telegram.TelegramGroup;
import java.util.Optional;

/**
 * A supergroup's membership changes from its admin log ({@code channels.getAdminLog}), the
 * record Telegram keeps for its admins: the cursor is the newest event id read.
 */
final class SupergroupEvents {
    private final HomeConnection connection;

    SupergroupEvents(HomeConnection connection) {
        this.connection = connection;
    }

    /** Blocking: runs on the provider's executor. */
    EventsResult read(TelegramGroup.Supergroup group, Optional<String> cursor) {
        return new Unsupported(ProviderDetail.of(TelegramAnswers.PROVIDER, "UNSUPPORTED")
                .withDescription("the admin log is not read yet (connection " + (connection != null) + ")"));
    }
}
