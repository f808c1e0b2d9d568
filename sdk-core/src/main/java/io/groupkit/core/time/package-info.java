/**
 * Time as GroupKit sees it: reading the clock and waiting. Every wait in GroupKit (pacing,
 * backoff, server-requested pauses) goes through a {@link io.groupkit.core.time.TimeSource}, so
 * tests run on a virtual clock without sleeping ({@code VirtualTime} in {@code sdk-testkit}).
 */
@NullMarked
package io.groupkit.core.time;

import org.jspecify.annotations.NullMarked;
