package io.groupkit.examples;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.CrmEntityType;
import io.groupkit.core.AccessDeniedExtend;
import io.groupkit.core.AddResult;
import io.groupkit.core.Member;

/**
 * Adds an employee to a deal's open-line chat through a Bitrix24 inbound webhook read from the
 * environment ({@code B24_WEBHOOK}), never the command line.
 *
 * <pre>{@code java -cp ... io.groupkit.examples.Bitrix24Example 42 7}</pre>
 */
public final class Bitrix24Example {
    private Bitrix24Example() {
    }

    /**
     * Runs the example.
     *
     * @param args the deal id and the user id
     */
    public static void main(String[] args) {
        String webhook = System.getenv("B24_WEBHOOK");
        if (args.length != 2 || webhook == null) {
            System.err.println("usage: B24_WEBHOOK=https://portal/rest/1/<code>/ Bitrix24Example <deal id> <user id>");
            System.exit(2);
        }
        Bitrix24Client b24 = Bitrix24.webhook(webhook).build();
        System.out.println(describe(b24.add(CrmChat.of(CrmEntityType.DEAL, Long.parseLong(args[0])),
                Member.userId(Long.parseLong(args[1])))));
    }

    /**
     * One line about an outcome.
     *
     * @param r the outcome
     * @return the line
     */
    static String describe(AddResult r) {
        if (r instanceof AccessDeniedExtend denied) {
            return "the bot does not own this chat: " + denied.remedy();
        }
        return r.isSuccess() ? "in the chat" : r.kind() + ": " + r.remedy();
    }
}
