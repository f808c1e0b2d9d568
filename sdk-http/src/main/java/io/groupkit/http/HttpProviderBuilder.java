package io.groupkit.http;

import io.groupkit.core.Policies;
import io.groupkit.core.internal.Arguments;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings every HTTP provider's builder shares: timeouts, an optional shared
 * {@link HttpClient}, the pacing headroom and the {@link Policies}. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class HttpProviderBuilder<B extends HttpProviderBuilder<B>> {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout;
    private @Nullable HttpClient httpClient;
    private Policies policies = Policies.defaults();
    private double pacingHeadroom = 0.8;

    /**
     * A builder.
     *
     * @param defaultRequestTimeout the provider's default request timeout
     */
    protected HttpProviderBuilder(Duration defaultRequestTimeout) {
        this.requestTimeout = defaultRequestTimeout;
    }

    /**
     * This builder, typed.
     *
     * @return this
     */
    protected abstract B self();

    /**
     * How long connecting may take. Default 10 s. Ignored with {@link #httpClient(HttpClient)}.
     *
     * @param timeout positive
     * @return this builder
     */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return self();
    }

    /**
     * How long one request may take until its answer's headers arrive (see the provider's default).
     * A timeout after sending is never taken as success: membership is checked first.
     *
     * @param timeout positive
     * @return this builder
     */
    public B requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return self();
    }

    /**
     * An HTTP client to share with the rest of the application; it must not follow redirects.
     * Default: one client per GroupKit client, with a direct executor (answers are read on the
     * client's own I/O thread, so no thread pool grows with the calls under way).
     *
     * @param client the client
     * @return this builder
     */
    public B httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "httpClient must not be null");
        return self();
    }

    /**
     * Pacing, retries, pre-checks, fallback and time. Default {@link Policies#defaults()}.
     *
     * @param newPolicies the policies
     * @return this builder
     */
    public B policies(Policies newPolicies) {
        this.policies = Objects.requireNonNull(newPolicies, "policies must not be null");
        return self();
    }

    /**
     * The share of each documented rate (and burst) that GroupKit uses. Default 0.8: requests reach
     * the provider a little later than they leave, and other clients of the same account may have
     * used part of its budget, so pacing at exactly the documented rate earns "too many requests"
     * answers (the adapter's class documentation says what that looks like there).
     *
     * @param share from 0.1 to 1
     * @return this builder
     */
    public B pacingHeadroom(double share) {
        if (!(share >= 0.1 && share <= 1.0)) {
            throw new IllegalArgumentException("expected a pacing headroom from 0.1 to 1, got " + share);
        }
        this.pacingHeadroom = share;
        return self();
    }

    /**
     * The pacing headroom.
     *
     * @return the share of each documented rate to use
     */
    protected final double pacingHeadroom() {
        return pacingHeadroom;
    }

    /**
     * The request timeout.
     *
     * @return the timeout
     */
    protected final Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * The policies.
     *
     * @return the policies
     */
    protected final Policies policies() {
        return policies;
    }

    /**
     * The given HTTP client, or a new one: connect timeout, no redirects, direct executor.
     *
     * @return the client
     */
    protected final HttpClient httpClientOrDefault() {
        return httpClient != null ? httpClient : HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).executor(Runnable::run).build();
    }

    /**
     * Checks a duration.
     *
     * @param d the duration
     * @param what its name, for the message
     * @return the duration
     * @throws IllegalArgumentException unless positive
     */
    protected static Duration positive(Duration d, String what) {
        return Arguments.positive(d, what);
    }
}
