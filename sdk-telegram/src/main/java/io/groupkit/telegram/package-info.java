/**
 * The Telegram over MTProto 2.0 adapter for GroupKit.
 *
 * <p>Not built yet: this module holds its place in the build so that its dependencies are
 * settled. The adapter is the work of issue 5; until then the package has no types.
 */
package io.groupkit.telegram;
