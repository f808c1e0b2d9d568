package io.groupkit.testkit.fake;

import io.groupkit.core.Member;

/**
 * An invite link the {@link FakeProvider} was asked to send.
 *
 * @param groupKey the group's key
 * @param member the person
 * @param url the link
 */
public record SentInvite(String groupKey, Member member, String url) {
}
