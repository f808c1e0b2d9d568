/**
 * The Bitrix24 REST (open-line CRM chats and im chats) adapter for GroupKit.
 *
 * <p>Not built yet: this module holds its place in the build so that its dependencies are
 * settled. The adapter is the work of issue 4; until then the package has no types.
 */
package io.groupkit.bitrix24;
