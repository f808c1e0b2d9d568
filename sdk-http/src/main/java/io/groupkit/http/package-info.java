/**
 * What every GroupKit provider that speaks HTTP shares with its users: the builder settings
 * (timeouts, a shared {@link java.net.http.HttpClient}, the policies) in
 * {@link io.groupkit.http.HttpProviderBuilder}. A user of {@code sdk-core} alone never loads it.
 */
@NullMarked
package io.groupkit.http;

import org.jspecify.annotations.NullMarked;
