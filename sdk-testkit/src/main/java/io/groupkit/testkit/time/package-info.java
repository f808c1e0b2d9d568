/**
 * Virtual time for tests: a {@link io.groupkit.core.time.TimeSource} whose waits move the clock
 * instead of sleeping, so pacing, backoff and simulated latency run in microseconds.
 */
@NullMarked
package io.groupkit.testkit.time;

import org.jspecify.annotations.NullMarked;
