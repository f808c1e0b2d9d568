/**
 * The Green-API adapter's implementation. Not an API: anything here may change in any release.
 *
 * <p>Two classes serve the two callers: {@link io.groupkit.greenapi.internal.GreenApiProvider},
 * the core's {@code MembershipProvider}, and {@link io.groupkit.greenapi.internal.GroupOperations},
 * the group methods {@code GreenApiClient} offers beyond it. Below them, handed what they need and
 * never calling back up: {@link io.groupkit.greenapi.internal.Diagnosis} (why WhatsApp refused an
 * add or a removal), {@link io.groupkit.greenapi.internal.InstanceChecks} (the instance's state and
 * admin rights, a number's WhatsApp), {@link io.groupkit.greenapi.internal.GroupDataCache} (groups'
 * data, the changes this process made, the adds under way), and at the bottom
 * {@link io.groupkit.greenapi.internal.GreenApiAnswers}, which turns what
 * {@link io.groupkit.greenapi.internal.Transport} receives into JSON or an outcome.
 */
@NullMarked
package io.groupkit.greenapi.internal;

import org.jspecify.annotations.NullMarked;
