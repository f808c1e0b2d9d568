/**
 * The provider SPI, for adapter authors: implement
 * {@link io.groupkit.core.spi.MembershipProvider} (one attempt of each operation, wire format to
 * outcome) and declare {@link io.groupkit.core.spi.Capabilities} and rate limits;
 * {@link io.groupkit.core.GroupMembership#create} adds pacing, retries, membership checks,
 * invite-link fallback and bulk work. Prove the contract with the conformance kit in
 * {@code sdk-testkit}.
 */
@NullMarked
package io.groupkit.core.spi;

import org.jspecify.annotations.NullMarked;
