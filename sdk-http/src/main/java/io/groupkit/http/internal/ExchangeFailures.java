package io.groupkit.http.internal;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed exchange into a {@link Reply} a person can act on: which {@link ConnectionFailure}
 * it was, where to (host and port only: a path may hold a token or a webhook code), and why.
 *
 * <p>The JDK's client says little: an unresolvable host and a refused connection are both a
 * {@link ConnectException} without a message, told apart only by their causes
 * ({@link UnresolvedAddressException}, {@link ClosedChannelException}); a failed tunnel is an
 * {@link java.io.IOException} "Tunnel failed, got: 502"; a proxy's 407 is an answer. This class
 * reads those signs in one place, so every HTTP adapter names a failure the same way.
 */
public final class ExchangeFailures {
    private static final Pattern TUNNEL = Pattern.compile("Tunnel failed, got: (\\d{3})");
    private static final int MAX_REASON = 200;

    private ExchangeFailures() {
    }

    /**
     * What an exchange that failed with an exception comes to.
     *
     * @param cause the failure, unwrapped
     * @param http the client that sent (for its proxy and connect timeout)
     * @param target the request's address
     * @param redact removes secrets from a reason
     * @return {@link Reply.NotSent} when the failure came before the request was written, else
     *     {@link Reply.Lost}
     */
    public static Reply classify(Throwable cause, HttpClient http, URI target, UnaryOperator<String> redact) {
        String where = address(target);
        Optional<String> proxy = proxy(http, target);
        if (proxy.isPresent() && (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException)) {
            // Through a proxy the client connects to the proxy only; the provider's name is the proxy's to resolve.
            String why = has(cause, UnresolvedAddressException.class) || has(cause, UnknownHostException.class)
                    ? "its name does not resolve" : cause instanceof HttpConnectTimeoutException ? "connecting timed out"
                    : "the connection was refused";
            return notSent(ConnectionFailure.PROXY_UNREACHABLE, "cannot connect to the proxy " + proxy.get()
                    + " on the way to " + where + ": " + why, "Check the proxy's address and that it runs (the"
                    + " HttpClient's ProxySelector, given with httpClient(...)), then try again.");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            String after = http.connectTimeout().map(d -> " after " + seconds(d)).orElse("");
            return notSent(ConnectionFailure.CONNECT_TIMEOUT, "connecting to " + where + " timed out" + after,
                    "No connection to " + where + " within the connect timeout: the host or the network is down, or a"
                            + " firewall drops the traffic (does this machine need a proxy? give an HttpClient with a"
                            + " ProxySelector to httpClient(...)); try again once " + target.getHost() + " is reachable.");
        }
        if (has(cause, UnresolvedAddressException.class) || has(cause, UnknownHostException.class)) {
            return notSent(ConnectionFailure.UNKNOWN_HOST, "cannot resolve host " + target.getHost() + " (to connect to "
                    + where + ")", "The host name " + target.getHost() + " does not resolve: check the host in the URL"
                    + " for typos, and that this machine's DNS works (and can see that name, if it is an internal one).");
        }
        if (cause instanceof ConnectException) {
            boolean refused = has(cause, ClosedChannelException.class) || contains(cause, "refused");
            if (refused) {
                return notSent(ConnectionFailure.CONNECTION_REFUSED, "connection to " + where + " refused",
                        "Nothing accepts connections at " + where + ": check the port in the URL and that the service"
                                + " runs there (or that no firewall rejects the connection), then try again.");
            }
            return notSent(ConnectionFailure.NOT_SENT, "cannot connect to " + where + ": " + describe(cause, redact),
                    "Cannot connect to " + where + ": check the URL and this machine's network, then try again.");
        }
        Optional<Integer> tunnel = tunnelStatus(cause);
        if (tunnel.isPresent()) {
            return notSent(ConnectionFailure.PROXY_TUNNEL, "the proxy " + proxy.orElse("on the way") + " did not open a"
                    + " tunnel to " + where + " (it answered HTTP " + tunnel.get() + ")", "The proxy would not or could"
                    + " not reach " + where + " (HTTP " + tunnel.get() + "): check the host in the URL and that the"
                    + " proxy's rules allow it.");
        }
        if (has(cause, CertificateException.class) || has(cause, CertPathBuilderException.class)
                || has(cause, CertPathValidatorException.class)) {
            return notSent(ConnectionFailure.TLS_CERTIFICATE, "the certificate of " + where + " is not trusted: "
                    + deepest(cause, redact), "The server at " + where + " showed a certificate this JVM does not trust"
                    + " for that name: check the host in the URL; if a TLS-inspecting proxy or a private CA is in the"
                    + " way, add its CA certificate to the JVM's trust store (or give an HttpClient whose SSLContext"
                    + " trusts it).");
        }
        if (cause instanceof SSLHandshakeException || (cause instanceof SSLException && contains(cause, "plaintext"))) {
            // "Unrecognized SSL message, plaintext connection?" is read from the server's first record:
            // still the handshake, nothing of the request written.
            return notSent(ConnectionFailure.TLS_HANDSHAKE, "TLS handshake with " + where + " failed: "
                    + deepest(cause, redact), "The server at " + where + " did not complete a TLS handshake: check"
                    + " that the URL's port speaks https (not plain http) and that nothing in the way (a proxy, a"
                    + " load balancer) cuts TLS off.");
        }
        return new Reply.Lost(Reply.problem(cause, target, false, redact));
    }

    /**
     * A proxy's refusal that the client hands over as an answer: HTTP 407 (a provider never asks
     * for proxy credentials). The request went no further than the proxy.
     *
     * @param response the answer
     * @param http the client that sent
     * @param target the request's address
     * @return the refusal, or empty for any other answer
     */
    public static Optional<Reply.NotSent> proxyRefusal(HttpResponse<?> response, HttpClient http, URI target) {
        if (response.statusCode() != 407) {
            return Optional.empty();
        }
        String proxy = proxy(http, target).map(p -> "the proxy " + p).orElse("a proxy");
        return Optional.of(notSent(ConnectionFailure.PROXY_AUTHENTICATION, proxy + " asks for credentials (HTTP 407) on"
                + " the way to " + address(target), "Give the proxy its credentials (an HttpClient with an"
                + " Authenticator, passed to httpClient(...)) or let this host through without them; the provider's own"
                + " credentials are not the problem."));
    }

    /**
     * Host and port of an address, the scheme's default port when none is given; never the path.
     *
     * @param target the address
     * @return such as {@code api.green-api.com:443}
     */
    public static String address(URI target) {
        int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        return target.getHost() + ":" + port;
    }

    private static Reply.NotSent notSent(ConnectionFailure failure, String problem, String remedy) {
        return new Reply.NotSent(failure, problem, Optional.of(remedy));
    }

    /** The proxy the client goes through for this address, if any: it is what a connection failure is about. */
    private static Optional<String> proxy(HttpClient http, URI target) {
        try {
            return http.proxy().flatMap(selector -> selector.select(target).stream().findFirst())
                    .filter(p -> p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress)
                    .map(p -> {
                        InetSocketAddress a = (InetSocketAddress) p.address();
                        return a.getHostString() + ":" + a.getPort();
                    });
        } catch (RuntimeException selectorFailed) {
            return Optional.empty(); // a user's selector: its failure must not hide the one we are naming
        }
    }

    private static Optional<Integer> tunnelStatus(Throwable cause) {
        for (Throwable t = cause; t != null; t = next(t)) {
            Matcher m = t.getMessage() == null ? null : TUNNEL.matcher(t.getMessage());
            if (m != null && m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Throwable cause, String word) {
        for (Throwable t = cause; t != null; t = next(t)) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: for TLS it is the one that says what was wrong (the certificate path, the peer). */
    private static String deepest(Throwable cause, UnaryOperator<String> redact) {
        String reason = null;
        for (Throwable t = cause; t != null; t = next(t)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return reason == null ? cause.getClass().getSimpleName() : clip(redact.apply(reason));
    }

    private static String describe(Throwable cause, UnaryOperator<String> redact) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + clip(redact.apply(message)) + ")");
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static @Nullable Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
