/**
 * The Green-API (WhatsApp HTTP gateway) adapter: build a client with {@link io.groupkit.greenapi.GreenApi#builder()}.
 *
 * <p>Beyond the common operations it diagnoses WhatsApp's bare {@code addParticipant: false}
 * (already a member, instance not an admin, no WhatsApp, not in contacts, or the reasons that
 * remain possible), keeps numbers from being banned (numbers are checked with
 * {@code checkWhatsapp} before they are added or put in a new group; calls are paced below the
 * documented per-method rates; one new group per 5 minutes; a yellow-card or banned instance stops
 * the work), and offers the other group methods on {@link io.groupkit.greenapi.GreenApiClient}.
 */
@NullMarked
package io.groupkit.greenapi;

import org.jspecify.annotations.NullMarked;
