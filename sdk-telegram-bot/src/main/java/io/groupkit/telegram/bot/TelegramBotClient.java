package io.groupkit.telegram.bot;

import io.groupkit.core.ActionResult;
import io.groupkit.core.Done;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.events.MembershipEventHandler;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.spi.ProviderClient;
import io.groupkit.http.internal.SecureUrls;
import io.groupkit.telegram.bot.internal.BotAnswers;
import io.groupkit.telegram.bot.internal.BotProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Telegram groups through a bot: {@link TelegramBotChat}s, members by user id
 * ({@code Member.userId("123456789")}; a bot cannot look anyone up by user name or phone). An
 * add is {@link io.groupkit.core.NotAdded} with the person's own invite link; removals ban and
 * lift the ban at once; join requests are decided one by one; membership events come from
 * {@code getUpdates} (a watch) or a {@link #webhook webhook}, not both. Thread-safe.
 */
public final class TelegramBotClient extends ProviderClient {
    private final BotProvider provider;

    TelegramBotClient(BotProvider provider, Policies policies) {
        super(provider, policies);
        this.provider = provider;
    }

    /**
     * Has Telegram push updates to an address ({@code setWebhook}) instead of answering
     * {@code getUpdates}, with the membership updates this adapter reads. A watch polling this bot
     * then fails with a conflict: use one or the other.
     *
     * @param url the https address where a {@link TelegramBotWebhook} is mounted
     * @param secretToken 1 to 256 letters, digits, '_' or '-'; Telegram sends it in a header
     * @return {@link Done} or why not
     */
    public ActionResult setWebhook(String url, String secretToken) {
        Objects.requireNonNull(url, "url must not be null");
        SecureUrls.require(url, "the webhook address", "https://example.com/telegram");
        TelegramBotWebhook.checkSecret(secretToken);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("url", url.strip());
        params.put("secret_token", secretToken);
        params.put("allowed_updates", BotProvider.ALLOWED_UPDATES);
        return executeAndWait("setWebhook", List.of(), Effect.CHANGES, ctx -> provider.call(ctx, "setWebhook", params,
                Effect.CHANGES).thenApply(r -> r.failure() != null ? BotAnswers.as(r.failure(), ActionResult.class)
                : new Done(ProviderDetail.of(BotAnswers.PROVIDER, "DONE").withDescription("setWebhook"))));
    }

    /**
     * Stops pushing updates to the webhook ({@code deleteWebhook}); updates queue for
     * {@code getUpdates} again. Pending updates are kept.
     *
     * @return {@link Done} or why not
     */
    public ActionResult deleteWebhook() {
        return executeAndWait("deleteWebhook", List.of(), Effect.CHANGES, ctx -> provider.call(ctx, "deleteWebhook",
                Map.of("drop_pending_updates", false), Effect.CHANGES).thenApply(r -> r.failure() != null
                ? BotAnswers.as(r.failure(), ActionResult.class)
                : new Done(ProviderDetail.of(BotAnswers.PROVIDER, "DONE").withDescription("deleteWebhook"))));
    }

    /**
     * A receiver of this bot's pushed updates, to mount at the address given to
     * {@link #setWebhook}: it maps them as a watch's {@code getUpdates} would and hands each event
     * to the handler.
     *
     * @param secretToken the secret given to {@link #setWebhook}
     * @param handler told each event; an exception makes Telegram send the update again. A join
     *     through one of GroupKit's personal links then revokes that link (best effort, on the
     *     request's thread, before the update is answered)
     * @return the receiver
     */
    public TelegramBotWebhook webhook(String secretToken, MembershipEventHandler handler) {
        return new TelegramBotWebhook(secretToken, handler, provider.mapper(), used -> executeAndWait(
                "revokeChatInviteLink", List.of(), Effect.CHANGES, ctx -> provider.revokeUsed(ctx, List.of(used)).thenApply(
                        v -> new Done(ProviderDetail.of(BotAnswers.PROVIDER, "DONE").withDescription("revokeChatInviteLink")))));
    }

    /**
     * The supergroup a basic group became, once an answer about the basic group said so
     * ({@link io.groupkit.core.NotFound} with code {@code GROUP_MIGRATED}). Calls are not moved to
     * it on their own: the caller decides.
     *
     * @param chat the basic group
     * @return the supergroup, or empty when this client was not told
     */
    public Optional<TelegramBotChat> upgradedTo(TelegramBotChat chat) {
        Objects.requireNonNull(chat, "chat must not be null");
        return provider.upgradedTo(chat);
    }

    @Override
    public String toString() {
        return "TelegramBotClient[" + provider + "]";
    }
}
