package io.groupkit.testkit.telegrambot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Posts queued updates to the webhook one at a time, in update_id order, from one daemon thread:
 * an update is confirmed (dropped from the queue) by a 2xx answer; a refused connection or any
 * other answer is retried after a real-time backoff of 50 ms doubling to 1 s (Telegram waits up to
 * minutes; a test must not). Updates past the 24-hour retention are dropped meanwhile.
 */
final class WebhookSender implements Runnable {
    static final long FIRST_BACKOFF_MILLIS = 50;
    static final long LAST_BACKOFF_MILLIS = 1_000;
    private static final int TIMEOUT_MILLIS = 5_000;

    private final BotWorld world;

    WebhookSender(BotWorld world) {
        this.world = world;
    }

    @Override
    public void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        try {
            while (true) {
                BotWorld.@Nullable Update next;
                @Nullable String url;
                @Nullable String secret;
                synchronized (world) {
                    world.prune();
                    while (!world.closed && (world.webhookUrl == null || world.updates.isEmpty())) {
                        world.wait();
                        world.prune();
                    }
                    if (world.closed) {
                        return;
                    }
                    next = world.updates.peek();
                    url = world.webhookUrl;
                    secret = world.webhookSecret;
                }
                if (next == null || url == null) {
                    continue; // not reached: the wait above ends only with both
                }
                String failure = post(url, secret, next.json().toString());
                synchronized (world) {
                    if (failure == null) {
                        if (world.updates.peek() == next) {
                            world.updates.poll();
                            world.webhookDeliveries++;
                        }
                        backoff = FIRST_BACKOFF_MILLIS;
                        continue;
                    }
                    world.webhookLastErrorDate = world.now();
                    world.webhookLastError = failure;
                    long until = System.nanoTime() + backoff * 1_000_000;
                    // Waits out the backoff; woken early only to stop.
                    for (long left = backoff; left > 0 && !world.closed; left = (until - System.nanoTime()) / 1_000_000) {
                        world.wait(left);
                    }
                    backoff = Math.min(LAST_BACKOFF_MILLIS, backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() stops the sender
        }
    }

    /** One POST; null when answered 2xx, else what went wrong, as getWebhookInfo's last_error_message. */
    private static @Nullable String post(String url, @Nullable String secret, String body) {
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) URI.create(url).toURL().openConnection();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            if (secret != null) {
                http.setRequestProperty("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            http.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = http.getOutputStream()) {
                out.write(bytes);
            }
            int status = http.getResponseCode();
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status / 100 == 2 ? null : "Wrong response from the webhook: " + status;
        } catch (IOException | RuntimeException e) {
            // whatever fails on the way (refused, reset, timed out) leaves the update queued for a retry
            return "Connection refused";
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }
}
