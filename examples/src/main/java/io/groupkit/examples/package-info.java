/**
 * Runnable examples of GroupKit, starting with {@link io.groupkit.examples.Demo}, which walks
 * through the situations of real group work without an account or a network.
 */
package io.groupkit.examples;
