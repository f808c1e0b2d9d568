/**
 * An in-memory provider for users' own tests: groups and people held in memory, scriptable per
 * person and per call, every call recorded, deterministic and thread-safe. Needs no JUnit.
 *
 * <p>Wrap it like any provider: {@code GroupMembership.create(fake, policies)}; with a
 * {@link io.groupkit.testkit.time.VirtualTime} in the policies, pacing, backoff and simulated latency
 * take no real time.
 *
 * <p>The fake is tested in the testkit, against the conformance kit; GroupKit's own pipeline is
 * tested in {@code sdk-core}, over a smaller scripted provider of its own (see the root README's
 * "Development" section).
 */
@NullMarked
package io.groupkit.testkit.fake;

import org.jspecify.annotations.NullMarked;
