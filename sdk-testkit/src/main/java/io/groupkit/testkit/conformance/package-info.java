/**
 * The conformance kit: {@link io.groupkit.testkit.conformance.MembershipProviderContract} is an
 * abstract JUnit 5 test class that any provider's test extends to prove it keeps the provider SPI
 * contract. Needs {@code junit-jupiter} on the test class path.
 */
@NullMarked
package io.groupkit.testkit.conformance;

import org.jspecify.annotations.NullMarked;
