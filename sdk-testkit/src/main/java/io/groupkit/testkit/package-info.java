/**
 * Test support for GroupKit users and connector authors: the in-memory
 * {@link io.groupkit.testkit.fake.FakeProvider} and the conformance kit in
 * {@code io.groupkit.testkit.conformance}.
 */
package io.groupkit.testkit;
