package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.NotMember;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.Unauthorized;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** OAuth: one refresh for all concurrent calls, the new pair stored before it is used, nothing lost. */
@Order(3)
class OAuthTest {
    static final String CLIENT_SECRET = "cl1entSecretZ9";
    static final TokenPair FIRST = new TokenPair("acc0firstAccessTok", "ref0firstRefreshTok");

    private final VirtualTime time = VirtualTime.create();
    private final Bitrix24Simulator sim = Bitrix24Simulator.start(time);

    @AfterEach
    void stop() {
        sim.close();
    }

    private Bitrix24Client client(TokenStore store) {
        return client(store, Fixture.policies(time));
    }

    private Bitrix24Client client(TokenStore store, Policies.Builder policies) {
        String endpoint = sim.oauthApp(Fixture.BOT, "app.client", CLIENT_SECRET, FIRST.accessToken(), FIRST.refreshToken(),
                Duration.ofHours(1));
        sim.chat(Fixture.CHAT, Fixture.BOT);
        for (long u = 100; u < 300; u++) {
            sim.users(u);
        }
        return Bitrix24.oauth(endpoint, "app.client", CLIENT_SECRET, store).oauthServer(sim.url())
                .policies(policies.build()).build();
    }

    @Test
    void aHundredConcurrentCallsWithAnExpiredTokenShareOneRefresh() {
        TokenStore store = TokenStore.inMemory(FIRST);
        // A hundred calls in flight: one call's pacing wait moves the virtual clock past another's
        // attempt timeout while its request is still on the wire, which would make it retry.
        Bitrix24Client client = client(store, Fixture.policies(time).attemptTimeout(Duration.ofDays(1)));
        sim.expireAccessToken();
        List<CompletableFuture<AddResult>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(client.addAsync(Fixture.IM, Fixture.user(100 + i)));
        }
        List<AddResult> results = calls.stream().map(CompletableFuture::join).toList();
        assertEquals(100, results.stream().filter(r -> r.kind() == OutcomeKind.ADDED).count(),
                () -> results.stream().filter(r -> r.kind() != OutcomeKind.ADDED).findFirst().map(Object::toString).orElse(""));
        assertEquals(1, sim.refreshRequests().size(), "exactly one refresh");
        assertEquals(FIRST.refreshToken(), sim.refreshRequests().get(0));
        assertEquals(sim.currentRefreshToken(), store.load().refreshToken(), "the stored pair is the new one");
        assertEquals(101, sim.members(Fixture.CHAT).size());
    }

    @Test
    void theNewPairIsStoredBeforeItIsUsed() {
        List<String> events = new ArrayList<>();
        TokenStore store = new TokenStore() {
            private TokenPair pair = FIRST;

            @Override
            public synchronized TokenPair load() {
                return pair;
            }

            @Override
            public synchronized void save(TokenPair p) {
                events.add("saved, " + sim.requests("im.chat.user.add").size() + " adds so far");
                pair = p;
            }
        };
        Bitrix24Client client = client(store);
        sim.expireAccessToken();
        assertInstanceOf(Added.class, client.add(Fixture.IM, Fixture.user(100)));
        assertEquals(List.of("saved, 1 adds so far"), events, "saved after the refused add, before the retried one");
        assertEquals(2, sim.requests("im.chat.user.add").size());
    }

    @Test
    void theResendAfterARefreshTakesAPermitOfItsOwn() {
        TokenStore store = TokenStore.inMemory(FIRST);
        String endpoint = sim.oauthApp(Fixture.BOT, "app.client", CLIENT_SECRET, FIRST.accessToken(), FIRST.refreshToken(),
                Duration.ofHours(1));
        sim.chat(Fixture.CHAT, Fixture.BOT);
        // The whole bucket (no headroom): the first 50 fill it, so one unpaced resend would overflow it.
        Bitrix24Client client = Bitrix24.oauth(endpoint, "app.client", CLIENT_SECRET, store).oauthServer(sim.url())
                .pacingHeadroom(1.0).policies(Fixture.policies(time).attemptTimeout(Duration.ofDays(1)).build()).build();
        sim.expireAccessToken();
        List<CompletableFuture<io.groupkit.core.RemoveResult>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(client.removeAsync(Fixture.IM, Fixture.user(100 + i)));
        }
        calls.forEach(c -> assertInstanceOf(NotMember.class, c.join()));
        assertEquals(1, sim.refreshRequests().size());
        // Calls that went out before the refresh are resent; calls paced after it go once.
        assertTrue(sim.requests("im.chat.user.delete").size() > 50, "some calls were resent after the refresh");
        assertEquals(0, sim.bucketRejections(), "every request, resends included, waited for a permit");
    }

    @Test
    void aStoreThatFailsLosesNothing() {
        AtomicInteger failures = new AtomicInteger(1);
        TokenStore inner = TokenStore.inMemory(FIRST);
        TokenStore crashing = new TokenStore() {
            @Override
            public TokenPair load() {
                return inner.load();
            }

            @Override
            public void save(TokenPair p) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("disk full");
                }
                inner.save(p);
            }
        };
        Bitrix24Client client = client(crashing);
        sim.expireAccessToken();
        // A removal is one request, so the next request is the next call's.
        assertInstanceOf(NotMember.class, client.remove(Fixture.IM, Fixture.user(100)), "the call goes on with the new pair");
        assertEquals(FIRST, inner.load(), "the failed save left the old pair");
        assertInstanceOf(Added.class, client.add(Fixture.IM, Fixture.user(101)));
        assertEquals(sim.currentRefreshToken(), inner.load().refreshToken(), "saved again at the next call");
        assertEquals(1, sim.refreshRequests().size());
    }

    @Test
    void aDeadRefreshTokenAsksToReauthorize() {
        TokenStore store = TokenStore.inMemory(new TokenPair(FIRST.accessToken(), "someOldRefreshToken"));
        Bitrix24Client client = client(store);
        sim.expireAccessToken();
        Unauthorized r = assertInstanceOf(Unauthorized.class, client.add(Fixture.IM, Fixture.user(100)));
        assertTrue(r.remedy().contains("re-authorize"), r.remedy());
        assertEquals("invalid_grant", r.detail().code());
    }

    @Test
    void aRefreshTokenRefusedOnceIsNotSentAgainUntilANewPairIsStored() {
        TokenPair dead = new TokenPair(FIRST.accessToken(), "someOldRefreshToken");
        TokenStore store = TokenStore.inMemory(dead);
        Bitrix24Client client = client(store);
        sim.expireAccessToken();
        assertInstanceOf(Unauthorized.class, client.add(Fixture.IM, Fixture.user(100)));
        assertEquals(1, sim.requests("oauth/token").size(), "one refresh for the add, its read-back included");
        Unauthorized again = assertInstanceOf(Unauthorized.class, client.add(Fixture.IM, Fixture.user(101)));
        assertEquals("invalid_grant", again.detail().code(), "the remembered refusal, with its cause");
        assertInstanceOf(Unauthorized.class, client.members(Fixture.IM));
        assertEquals(1, sim.requests("oauth/token").size(), "the dead pair is not sent to the OAuth server again");
        // A person authorises the app again: the new pair is stored, and the client goes on with it.
        sim.reauthorize("acc7reauthorised", "ref7reauthorised");
        store.save(new TokenPair("acc7reauthorised", "ref7reauthorised"));
        assertEquals(io.groupkit.core.OutcomeKind.ADDED, client.add(Fixture.IM, Fixture.user(102)).kind());
    }

    @Test
    void aStoreThatKnowsTheRefreshTokenWasRefusedElsewhereAnswersInvalidGrantAndNothingIsSent() {
        // A fleet's store (JdbcTokenStore) that another server told about the refusal: it refuses without asking.
        TokenStore store = new TokenStore() {
            @Override
            public TokenPair load() {
                return FIRST;
            }

            @Override
            public void save(TokenPair pair) {
            }

            @Override
            public java.util.concurrent.CompletionStage<Renewal> renew(TokenPair stale, OAuthRefresh oauth) {
                return java.util.concurrent.CompletableFuture.completedFuture(Renewal.refused());
            }
        };
        Bitrix24Client client = client(store);
        sim.expireAccessToken();
        Unauthorized r = assertInstanceOf(Unauthorized.class, client.add(Fixture.IM, Fixture.user(100)));
        assertEquals("invalid_grant", r.detail().code(), r.toString());
        assertTrue(r.detail().description().contains("refused this refresh token before"), r.toString());
        assertEquals(0, sim.requests("oauth/token").size(), "nothing sent to the OAuth server");
    }

    @Test
    void aRefreshThatFailsOnceIsTriedAgain() {
        TokenStore store = TokenStore.inMemory(FIRST);
        Bitrix24Client client = client(store);
        sim.expireAccessToken();
        sim.failRefreshes(1);
        assertInstanceOf(Added.class, client.add(Fixture.IM, Fixture.user(100)));
        assertEquals(2, sim.refreshRequests().size());
    }

    @Test
    void theAccessTokenTravelsInTheBodyAndNeverInLogsOrOutcomes() {
        Bitrix24Client client = client(TokenStore.inMemory(FIRST));
        client.add(Fixture.IM, Fixture.user(100));
        assertTrue(sim.requests("im.chat.user.add").get(0).body().contains("\"auth\":\"" + FIRST.accessToken() + "\""));
        assertFalse(client.toString().contains(CLIENT_SECRET));
        assertFalse(FIRST.toString().contains(FIRST.accessToken()));
    }
    /** A store over {@code inner} whose renewal is {@code renew}. */
    private static TokenStore renewing(TokenStore inner,
                                       java.util.function.BiFunction<TokenPair, TokenStore.OAuthRefresh,
                                               java.util.concurrent.CompletionStage<TokenStore.Renewal>> renew) {
        return new TokenStore() {
            @Override
            public TokenPair load() {
                return inner.load();
            }

            @Override
            public void save(TokenPair p) {
                inner.save(p);
            }

            @Override
            public java.util.concurrent.CompletionStage<Renewal> renew(TokenPair stale, OAuthRefresh oauth) {
                return renew.apply(stale, oauth);
            }
        };
    }

    /** A store shared like a fleet's: a renewal finds a pair another client stored, or asks and stores. */
    private static TokenStore sharedStore(TokenStore inner) {
        return renewing(inner, (stale, oauth) -> {
            synchronized (inner) {
                TokenPair stored = inner.load();
                if (!stored.equals(stale)) {
                    return CompletableFuture.completedFuture(TokenStore.Renewal.stored(stored));
                }
                TokenPair fresh = oauth.refresh(stale).toCompletableFuture().join().orElse(null);
                if (fresh == null) {
                    return CompletableFuture.completedFuture(TokenStore.Renewal.refused());
                }
                inner.save(fresh);
                return CompletableFuture.completedFuture(TokenStore.Renewal.stored(fresh));
            }
        });
    }

    @Test
    void aPairAnotherClientStoredIsUsedAndRenewedInTheSameCallWhenItExpiredToo() {
        TokenStore shared = sharedStore(TokenStore.inMemory(FIRST));
        Bitrix24Client first = client(shared);
        Bitrix24Client second = Bitrix24.oauth(sim.url() + "/rest/", "app.client", CLIENT_SECRET, shared)
                .oauthServer(sim.url()).policies(Fixture.policies(time).build()).build();
        sim.expireAccessToken();
        assertInstanceOf(Added.class, first.add(Fixture.IM, Fixture.user(100)));
        TokenPair renewedByFirst = shared.load();
        assertEquals(List.of(FIRST.refreshToken()), sim.refreshRequests());
        sim.expireAccessToken(); // both went quiet for an hour
        // The second client still holds the first pair: refused, it takes the stored one, which is refused as
        // expired too, and renews that within the same call.
        assertInstanceOf(Added.class, second.add(Fixture.IM, Fixture.user(101)));
        assertEquals(List.of(FIRST.refreshToken(), renewedByFirst.refreshToken()), sim.refreshRequests());
        // The first client's pair is now old: it takes the one the second stored and asks nothing.
        assertInstanceOf(Added.class, first.add(Fixture.IM, Fixture.user(102)));
        assertEquals(2, sim.refreshRequests().size(), "the stored pair was used");
        assertEquals(sim.currentRefreshToken(), shared.load().refreshToken());
        assertEquals(4, sim.members(Fixture.CHAT).size());
    }

    @Test
    void aStoreThatCannotBeAskedMakesTheCallUnavailableAndAsksTheOAuthServerNothing() {
        TokenStore inner = TokenStore.inMemory(FIRST);
        TokenStore down = renewing(inner, (stale, oauth) -> CompletableFuture.failedFuture(
                new IllegalStateException("database down")));
        Bitrix24Client client = client(down, Fixture.policies(time).retry(io.groupkit.core.policy.RetryPolicy.none()));
        sim.expireAccessToken();
        io.groupkit.core.Unavailable r = assertInstanceOf(io.groupkit.core.Unavailable.class,
                client.add(Fixture.IM, Fixture.user(100)));
        assertTrue(r.detail().toString().contains("token store"), r.toString());
        assertEquals(0, sim.refreshRequests().size());
        assertEquals(1, sim.members(Fixture.CHAT).size());
    }

    @Test
    void aStoreThatFailsAfterTheOAuthAnswerKeepsTheNewPair() {
        TokenStore inner = TokenStore.inMemory(FIRST);
        AtomicInteger renewals = new AtomicInteger();
        TokenStore flaky = renewing(inner, (stale, oauth) -> {
            renewals.incrementAndGet();
            return oauth.refresh(stale).thenApply(fresh -> {
                throw new IllegalStateException("connection lost before the commit");
            });
        });
        Bitrix24Client client = client(flaky);
        sim.expireAccessToken();
        assertInstanceOf(Added.class, client.add(Fixture.IM, Fixture.user(100)), "the call goes on with the new pair");
        assertInstanceOf(Added.class, client.add(Fixture.IM, Fixture.user(101)));
        assertEquals(sim.currentRefreshToken(), inner.load().refreshToken(), "saved again at the next call");
        assertEquals(1, sim.refreshRequests().size());
        assertEquals(1, renewals.get());
    }
}
