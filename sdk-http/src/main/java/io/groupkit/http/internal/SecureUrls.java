package io.groupkit.http.internal;

import java.net.URI;
import java.util.Optional;

/** Addresses that may carry secrets: https only, plain http only to loopback test servers. */
public final class SecureUrls {
    private SecureUrls() {
    }

    /**
     * Parses and checks an address.
     *
     * @param url the address
     * @param what what it is, for the message, such as {@code apiUrl}
     * @param example an example of a good one
     * @return the URI
     * @throws IllegalArgumentException if it is not https (or http to loopback); the message does not quote it
     */
    public static URI require(String url, String what, String example) {
        return check(url).orElseThrow(() -> new IllegalArgumentException("expected " + what
                + " to be an https address (plain http only for loopback test servers), such as " + example));
    }

    /**
     * Whether an address is https, or http to loopback.
     *
     * @param url the address
     * @return the URI if it is
     */
    public static Optional<URI> check(String url) {
        try {
            URI uri = URI.create(url.strip());
            String host = uri.getHost();
            boolean loopback = host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
            boolean ok = host != null && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback));
            return ok ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}
