/**
 * An offline Green-API: {@link io.groupkit.testkit.greenapi.GreenApiSimulator} speaks Green-API's
 * HTTP protocol on loopback, with instances, groups, contacts, WhatsApp accounts, per-method rate
 * limits, quotas and scripted faults, so integration tests and demos need no account.
 */
@NullMarked
package io.groupkit.testkit.greenapi;

import org.jspecify.annotations.NullMarked;
