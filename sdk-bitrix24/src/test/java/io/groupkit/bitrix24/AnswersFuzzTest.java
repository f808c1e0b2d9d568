package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.groupkit.bitrix24.internal.BitrixAnswers;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Outcome;
import io.groupkit.core.spi.Effect;
import io.groupkit.http.internal.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Order;

@Order(6)
class AnswersFuzzTest {
    private static final BitrixAnswers ANSWERS = new BitrixAnswers(() -> new String[] {Fixture.CODE});

    /**
     * Any status and bytes (an error code or the webhook code sometimes among them) become a
     * result, an error with an outcome, or a failure: no exception, no success from a failure,
     * no Indeterminate for a read, never the webhook code in what is kept.
     */
    @FuzzTest(maxDuration = "60s")
    void anyStatusAndBytesBecomeATypedAnswer(FuzzedDataProvider data) {
        int status = data.consumeBoolean() ? 200 : data.consumeInt(100, 599);
        Effect effect = data.consumeBoolean() ? Effect.CHANGES : Effect.SAFE_TO_REPEAT;
        String code = data.consumeBoolean() ? data.pickValue(new String[] {"ACCESS_DENIED_EXTEND", "WRONG_REQUEST",
                "expired_token", "QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT", "OVERLOAD_LIMIT"}) : data.consumeString(40);
        String rest = data.consumeRemainingAsString();
        String body = switch (Math.abs(rest.hashCode()) % 3) {
            case 0 -> "{\"error\":" + quote(code) + ",\"error_description\":" + quote(rest + Fixture.CODE) + "}";
            case 1 -> "{\"result\":" + rest + "}";
            default -> rest;
        };
        Reply reply = new Reply.Answer(status, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
        BitrixAnswers.Read read = ANSWERS.read("im.chat.user.add", reply, effect);
        assertNotNull(read);
        Outcome o = read instanceof BitrixAnswers.Error e ? ANSWERS.common("im.chat.user.add", e, effect, Optional.empty())
                : read instanceof BitrixAnswers.Failed f ? f.outcome() : null;
        if (o != null) {
            assertFalse(o.isSuccess(), o::toString);
            if (!effect.mayChange()) {
                assertFalse(o instanceof Indeterminate, "a read is never indeterminate");
            }
            assertFalse(o.toString().contains(Fixture.CODE), "an outcome shows the webhook code");
            assertFalse(o.remedy().isBlank());
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "") + "\"";
    }
}
