package io.groupkit.examples;

import io.groupkit.core.AddResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;

/**
 * Adds one person to a WhatsApp group through Green-API. Credentials come from the environment,
 * never the command line: {@code GREEN_API_URL}, {@code GREEN_API_INSTANCE}, {@code GREEN_API_TOKEN}.
 *
 * <pre>{@code java -cp ... io.groupkit.examples.GreenApiExample 120363043968066561@g.us "+7 900 123-45-68"}</pre>
 */
public final class GreenApiExample {
    private GreenApiExample() {
    }

    /**
     * Runs the example.
     *
     * @param args the group id and the phone number
     */
    public static void main(String[] args) {
        String url = System.getenv("GREEN_API_URL");
        String instance = System.getenv("GREEN_API_INSTANCE");
        String token = System.getenv("GREEN_API_TOKEN");
        if (args.length != 2 || url == null || instance == null || token == null) {
            System.err.println("usage: GREEN_API_URL=… GREEN_API_INSTANCE=… GREEN_API_TOKEN=… GreenApiExample <group id> <phone>");
            System.exit(2);
        }
        GreenApiClient whatsapp = GreenApi.builder().apiUrl(url).instance(instance, token)
                .policies(Policies.builder().inviteFallback(InviteFallback.ATTACH_LINK).build())
                .build();
        System.out.println(describe(whatsapp.add(GroupRef.of(args[0]), Member.phone(args[1]))));
    }

    /**
     * One line about an outcome, as an application would show it.
     *
     * @param r the outcome
     * @return the line
     */
    static String describe(AddResult r) {
        return switch (r.kind()) {
            case ADDED, ALREADY_MEMBER -> "in the group";
            case NOT_REGISTERED -> "no WhatsApp on this number; nothing was sent";
            case PRIVACY_RESTRICTED, NOT_IN_CONTACTS, NOT_ADDED -> "not added: " + r.remedy()
                    + (r instanceof io.groupkit.core.LinkFallback f && f.inviteLink().isPresent()
                    ? " Link: " + f.inviteLink().get().url() : "");
            case SPAM_LIMITED -> "STOP: " + r.remedy();
            default -> r.kind() + " (" + r.detail() + "): " + r.remedy();
        };
    }
}
