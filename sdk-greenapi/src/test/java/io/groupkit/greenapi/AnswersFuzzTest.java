package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.MembersResult;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.spi.Effect;
import io.groupkit.greenapi.internal.GreenApiAnswers;
import io.groupkit.greenapi.internal.GroupData;
import io.groupkit.http.internal.Reply;
import io.groupkit.greenapi.internal.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Order;

@Order(6)
class AnswersFuzzTest {
    private static final GreenApiAnswers ANSWERS = new GreenApiAnswers(new Transport(null, "http://127.0.0.1:9", "", Fixture.ID,
            Fixture.TOKEN, Duration.ofSeconds(1), 1 << 20));

    /**
     * Any status and any bytes (the token sometimes among them) become JSON to go on with or a
     * typed failure: never an exception, never a success, never an Indeterminate for a read, and
     * never the token in what is kept.
     */
    @FuzzTest(maxDuration = "60s")
    void anyStatusAndBytesBecomeATypedAnswer(FuzzedDataProvider data) {
        int status = data.consumeBoolean() ? 200 : data.consumeInt(100, 599);
        Effect effect = data.pickValue(Effect.values());
        boolean aboutGroup = data.consumeBoolean();
        boolean echoToken = data.consumeBoolean();
        byte[] raw = data.consumeRemainingAsBytes();
        byte[] body = echoToken ? (new String(raw, StandardCharsets.ISO_8859_1) + Fixture.TOKEN)
                .getBytes(StandardCharsets.ISO_8859_1) : raw;
        Reply reply = new Reply.Answer(status, body, status == 429 ? Optional.of(Duration.ofSeconds(3)) : Optional.empty());
        GreenApiAnswers.Read read = ANSWERS.read("addGroupParticipant", reply, effect,
                aboutGroup ? GreenApiAnswers.Names.A_GROUP : GreenApiAnswers.Names.NO_GROUP);
        assertNotNull(read);
        if (read instanceof GreenApiAnswers.Json json) {
            assertEquals(200, status);
            assertFalse(json.raw().contains(Fixture.TOKEN), "the kept text shows the token");
            GroupData.from(json.json()); // any JSON: data or empty, never an exception
            return;
        }
        GreenApiAnswers.Failed failed = (GreenApiAnswers.Failed) read;
        assertFalse(failed.outcome().isSuccess(), () -> "a failure came out as " + failed.outcome());
        if (effect == Effect.SAFE_TO_REPEAT) {
            assertFalse(failed.outcome() instanceof Indeterminate, "a read is never indeterminate");
            assertNotNull(failed.as(MembersResult.class));
            assertNotNull(failed.as(InviteLinkResult.class));
        } else {
            assertNotNull(failed.as(AddResult.class));
            assertNotNull(failed.as(RemoveResult.class));
        }
        assertNotNull(failed.as(ActionResult.class));
        assertFalse(failed.outcome().toString().contains(Fixture.TOKEN), "an outcome shows the token");
        assertFalse(failed.outcome().remedy().isBlank());
    }
}
