package io.groupkit.examples;

import io.groupkit.core.AddResult;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.Member;
import io.groupkit.core.RateLimited;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An example of application code built on GroupKit: onboarding new employees into the team's
 * group, whatever the provider. It is what a user's own tests exercise against the fake provider
 * (see {@code OnboardingTest} in this module's tests).
 */
public final class Onboarding {
    private final GroupMembership groups;
    private final GroupRef team;

    /**
     * Onboarding into one group.
     *
     * @param groups the provider client
     * @param team the team's group
     */
    public Onboarding(GroupMembership groups, GroupRef team) {
        this.groups = Objects.requireNonNull(groups, "groups must not be null");
        this.team = Objects.requireNonNull(team, "team must not be null");
    }

    /**
     * What happened to one new employee.
     *
     * @param member the employee
     * @param joined whether they are in the group now
     * @param inviteLink the link to send them when they could not be added directly, or null
     * @param retryLater whether to try them again later
     * @param note what to tell the administrator
     */
    public record Result(Member member, boolean joined, String inviteLink, boolean retryLater, String note) {
    }

    /**
     * Adds each new employee; people who cannot be added directly get the invite link instead.
     *
     * @param employees the new employees
     * @return one result per employee, in order
     */
    public List<Result> welcome(List<? extends Member> employees) {
        List<Result> results = new ArrayList<>();
        for (Member m : employees) {
            AddResult r = groups.add(team, m);
            if (r.isSuccess()) {
                results.add(new Result(m, true, null, false, "in the group"));
            } else if (r instanceof LinkFallback refused && refused.inviteLink().isPresent()) {
                results.add(new Result(m, false, refused.inviteLink().get().url(), false, r.remedy()));
            } else if (r instanceof RateLimited || r.retryable()) {
                results.add(new Result(m, false, null, true, r.remedy()));
            } else {
                results.add(new Result(m, false, null, false, r.kind() + ": " + r.remedy()));
            }
        }
        return results;
    }
}
