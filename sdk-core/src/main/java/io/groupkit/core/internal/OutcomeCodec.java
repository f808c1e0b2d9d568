package io.groupkit.core.internal;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AccessDeniedExtend;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Blocked;
import io.groupkit.core.Confirmation;
import io.groupkit.core.GroupFull;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.journal.Finality;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.InviteLink;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * An add's outcome as one line of printable ASCII and back, for a bulk journal: a rerun reports
 * the people it skips with the outcome they had. Fields are separated by {@code |}, each
 * percent-encoded; the first is the version ({@code 1}), the second the kind.
 */
public final class OutcomeCodec {
    private static final String VERSION = "1";

    private OutcomeCodec() {
    }

    /**
     * Whether an outcome ends a person's part in a job: a rerun skips them. Failures (the
     * account's or the provider's, not the person's: retried on a rerun), outcomes that stop a
     * bulk run, a full group (someone may leave) and lost answers (settled on a rerun) do not.
     *
     * @param r the outcome
     * @return whether it is final
     */
    public static Finality finality(AddResult r) {
        return !(r instanceof io.groupkit.core.Failure) && !(r instanceof Indeterminate) && !(r instanceof GroupFull)
                && !r.haltsBulk() ? Finality.FINAL : Finality.NOT_FINAL;
    }

    /**
     * Writes an outcome.
     *
     * @param r the outcome
     * @return one line, without line breaks
     */
    public static String encode(AddResult r) {
        List<String> f = new ArrayList<>(List.of(VERSION, r.kind().name()));
        detail(f, r.detail());
        if (r instanceof Added a) {
            f.add(a.confirmedBy().name());
        } else if (r instanceof PrivacyRestricted p) {
            f.add(join(p.premium().stream().map(Enum::name).toList()));
            link(f, p.inviteLink());
            f.add(p.delivery().name());
        } else if (r instanceof NotInContacts n) {
            link(f, n.inviteLink());
            f.add(n.delivery().name());
        } else if (r instanceof NotAdded n) {
            f.add(join(n.possibleReasons().stream().map(Enum::name).toList()));
            link(f, n.inviteLink());
            f.add(n.delivery().name());
        } else if (r instanceof NotFound n) {
            f.add(n.subject().name());
        } else if (r instanceof RateLimited l) {
            f.add(l.retryAfter().map(d -> String.valueOf(d.toMillis())).orElse(""));
            f.add(l.limit().orElse(""));
        }
        return String.join("|", f.stream().map(OutcomeCodec::enc).toList());
    }

    /**
     * Reads an outcome {@link #encode} wrote.
     *
     * @param line the line
     * @return the outcome
     * @throws IllegalArgumentException if the line is not one
     */
    public static AddResult decode(String line) {
        String[] raw = line.split("\\|", -1);
        String[] f = Arrays.stream(raw).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toArray(String[]::new);
        if (f.length < 7 || !VERSION.equals(f[0])) {
            throw new IllegalArgumentException("not a journaled outcome of version " + VERSION);
        }
        ProviderDetail d = new ProviderDetail(f[2], f[3], f[4].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[4])),
                f[5], f[6].isEmpty() ? Optional.empty() : Optional.of(f[6].substring(1)));
        Reader in = new Reader(f, 7);
        return switch (f[1]) {
            case "ADDED" -> new Added(d, Confirmation.valueOf(in.next()));
            case "ALREADY_MEMBER" -> new AlreadyMember(d);
            case "PRIVACY_RESTRICTED" -> new PrivacyRestricted(d, enums(in.next(), PrivacyRestricted.Premium.class),
                    in.link(), InviteDelivery.valueOf(in.next()));
            case "NOT_IN_CONTACTS" -> new NotInContacts(d, in.link(), InviteDelivery.valueOf(in.next()));
            case "NOT_ADDED" -> new NotAdded(d, List.copyOf(enums(in.next(), NotAdded.Reason.class)), in.link(),
                    InviteDelivery.valueOf(in.next()));
            case "NOT_REGISTERED" -> new NotRegistered(d);
            case "ACCESS_DENIED_EXTEND" -> new AccessDeniedExtend(d);
            case "GROUP_FULL" -> new GroupFull(d);
            case "MEMBER_BANNED" -> new MemberBanned(d);
            case "BLOCKED" -> new Blocked(d);
            case "TOO_MANY_GROUPS" -> new TooManyGroups(d);
            case "INDETERMINATE" -> new Indeterminate(d);
            case "ACCESS_DENIED" -> new AccessDenied(d);
            case "NOT_FOUND" -> new NotFound(d, NotFound.Subject.valueOf(in.next()));
            case "RATE_LIMITED" -> {
                String after = in.next();
                String limit = in.next();
                yield new RateLimited(d, after.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(after))),
                        limit.isEmpty() ? Optional.empty() : Optional.of(limit));
            }
            case "UNAUTHORIZED" -> new Unauthorized(d);
            case "QUOTA_EXCEEDED" -> new QuotaExceeded(d);
            case "UNAVAILABLE" -> new Unavailable(d);
            case "UNRECOGNIZED" -> new Unrecognized(d);
            case "UNSUPPORTED" -> new Unsupported(d);
            case "SPAM_LIMITED" -> new SpamLimited(d);
            default -> throw new IllegalArgumentException("not an add's outcome: " + f[1]);
        };
    }

    private static void detail(List<String> f, ProviderDetail d) {
        f.add(d.provider());
        f.add(d.code());
        f.add(d.status().isPresent() ? String.valueOf(d.status().getAsInt()) : "");
        f.add(d.description());
        f.add(d.remedy().map(r -> "=" + r).orElse("")); // "=" tells an empty remedy from none
    }

    private static void link(List<String> f, Optional<InviteLink> link) {
        f.add(link.map(l -> "=" + l.url()).orElse(""));
        if (link.isPresent()) {
            InviteLink l = link.get();
            f.add(l.detail().provider());
            f.add(l.detail().code());
            f.add(l.expiresAt().map(i -> String.valueOf(i.toEpochMilli())).orElse(""));
            f.add(l.usageLimit().isPresent() ? String.valueOf(l.usageLimit().getAsInt()) : "");
        }
    }

    private static String join(List<String> names) {
        return String.join(",", names);
    }

    private static <E extends Enum<E>> Set<E> enums(String names, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        for (String n : names.split(",")) {
            if (!n.isEmpty()) {
                set.add(Enum.valueOf(type, n));
            }
        }
        return set;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The fields after the detail, one after the other. */
    private static final class Reader {
        private final String[] f;
        private int at;

        Reader(String[] f, int at) {
            this.f = f;
            this.at = at;
        }

        String next() {
            if (at >= f.length) {
                throw new IllegalArgumentException("a journaled outcome of kind " + f[1] + " ends early");
            }
            return f[at++];
        }

        Optional<InviteLink> link() {
            String url = next();
            if (url.isEmpty()) {
                return Optional.empty();
            }
            ProviderDetail d = ProviderDetail.of(next(), next());
            Function<String, Optional<Instant>> instant = s -> s.isEmpty() ? Optional.empty()
                    : Optional.of(Instant.ofEpochMilli(Long.parseLong(s)));
            Optional<Instant> expires = instant.apply(next());
            String limit = next();
            return Optional.of(new InviteLink(d, url.substring(1), expires,
                    limit.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(limit))));
        }
    }
}
