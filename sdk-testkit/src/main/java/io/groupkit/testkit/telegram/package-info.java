/**
 * A fake Telegram data centre on loopback: it speaks MTProto 2.0 over TCP with a pre-seeded auth
 * key, keeps groups, supergroups and people with privacy settings, and can be told to send the
 * service messages and failures a real server sends, so a client's recovery can be tested.
 */
@NullMarked
package io.groupkit.testkit.telegram;

import org.jspecify.annotations.NullMarked;
