/**
 * What core's own tests run on: {@link io.groupkit.core.testing.ScriptedProvider}, a provider whose
 * answers a test scripts, {@link io.groupkit.core.testing.Harness} (that provider and a client on
 * virtual time) and {@link io.groupkit.core.testing.HeldClock}.
 *
 * <p>Core's pipeline is tested here, in {@code sdk-core/src/test}, in the packages it belongs to;
 * the testkit's {@code FakeProvider} is for users' tests and is tested in the testkit (Maven allows
 * no cycle, so core's tests cannot use it). The root README's "Development" section says where
 * every module is tested.
 */
@NullMarked
package io.groupkit.core.testing;

import org.jspecify.annotations.NullMarked;
