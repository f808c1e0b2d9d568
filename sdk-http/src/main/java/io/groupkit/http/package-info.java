/**
 * What every GroupKit provider that speaks HTTP shares with its users: the builder settings
 * (timeouts, a shared {@link java.net.http.HttpClient}, the policies) in
 * {@link io.groupkit.http.HttpProviderBuilder}. A user of {@code sdk-core} alone never loads it.
 */
package io.groupkit.http;
