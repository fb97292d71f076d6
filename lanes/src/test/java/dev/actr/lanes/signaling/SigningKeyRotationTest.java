package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrToSignaling;
import dev.actr.codec.proto.CredentialRenewOk;
import dev.actr.codec.proto.CredentialRenewRequest;
import dev.actr.codec.proto.GetSigningKeyRequest;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.RegisterOk;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.codec.proto.SigningKeyOk;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RawSignalingPeer;
import dev.actr.lanes.testing.TestCredentials;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.actr.lanes.signaling.SignalingServerTest.assertError;
import static dev.actr.lanes.signaling.SignalingServerTest.ping;
import static dev.actr.lanes.signaling.SignalingServerTest.register;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SigningKeyRotationTest
{
    private static final long WAIT_MS = 5_000;
    private static final long LIFETIME_MS = 60_000;

    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private SignalingFixture fixture;

    @BeforeEach
    void setUp()
    {
        clock.update(TestCredentials.START_MS);
        fixture = new SignalingFixture(dir);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void shouldKeepVerifyingTheRetiredKeyUntilItsCredentialsExpire() throws Exception
    {
        final SignalingServer server = fixture.server(serverContext());
        final RawSignalingPeer alice = open(server);
        final RegisterOk before = register(alice, "r1", "acme:a:1", Ed25519Keys.generate());
        assertThat(before.getSigningKeyId()).isEqualTo(1);

        assertThat(server.rotateSigningKey().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(2);

        alice.send(ping("p", before.getActrId(), before.getCredential()));
        assertThat(alice.next(WAIT_MS).getServerToActr().hasPong()).as("old key's credential still accepted").isTrue();
        final SigningKeyOk retired = signingKey(alice, 1);
        assertThat(retired.getValidUntil()).isEqualTo(TestCredentials.START_MS / 1000 + LIFETIME_MS / 1000);
        assertThat(signingKey(alice, 2).hasValidUntil()).as("current key has no end").isFalse();
        alice.send(SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId("renew")
            .setActrToServer(ActrToSignaling.newBuilder().setSource(before.getActrId())
                .setCredential(before.getCredential())
                .setCredentialRenewRequest(CredentialRenewRequest.getDefaultInstance())).build());
        final CredentialRenewOk renewed = alice.next(WAIT_MS).getServerToActr().getCredentialRenewOk();
        assertThat(renewed.getCredential().getKeyId()).isEqualTo(2);
        assertThat(renewed.getSigningKeyId()).isEqualTo(2);

        clock.update(TestCredentials.START_MS + LIFETIME_MS + 1_000);
        Await.until("retired key files deleted",
            () -> !Files.exists(dir.resolve("signing-key-1.x509")) && !Files.exists(dir.resolve("signing-key-1.pkcs8")));

        final RawSignalingPeer bob = open(server);
        bob.send(getSigningKey("k1", 1));
        assertError(bob.next(WAIT_MS), "k1", SignalingErrors.NOT_FOUND);
        assertThat(signingKey(bob, 2).getPublicKey()).isEqualTo(renewed.getSigningPubkey());
        assertThat(server.counter(SignalingCounter.KEY_ROTATIONS)).isEqualTo(1);
    }

    @Test
    void shouldKeepSigningKeysAcrossRestartsAndRotateWhenDue() throws Exception
    {
        final SignalingServer first = SignalingServer.launch(serverContext().keyRotationIntervalMs(3_600_000));
        final RegisterOk firstOk;
        try (RawSignalingPeer peer = new RawSignalingPeer(first.uri()))
        {
            peer.opened().get(WAIT_MS, TimeUnit.MILLISECONDS);
            firstOk = register(peer, "r1", "acme:a:1", Ed25519Keys.generate());
        }
        finally
        {
            first.close();
        }
        assertThat(Files.readAllBytes(dir.resolve("signing-key-1.x509")))
            .isEqualTo(Ed25519Keys.fromRaw(firstOk.getSigningPubkey().toByteArray()).getEncoded());

        final SignalingServer second = fixture.server(serverContext().keyRotationIntervalMs(3_600_000));
        final RegisterOk secondOk = register(open(second), "r1", "acme:a:1", Ed25519Keys.generate());
        assertThat(secondOk.getSigningKeyId()).isEqualTo(1);
        assertThat(secondOk.getSigningPubkey()).isEqualTo(firstOk.getSigningPubkey());

        clock.update(TestCredentials.START_MS + 3_600_000);
        Await.until("rotated by age", () -> second.currentSigningKeyId() == 2);
        final RegisterOk thirdOk = register(open(second), "r2", "acme:a:1", Ed25519Keys.generate());
        assertThat(thirdOk.getSigningKeyId()).isEqualTo(2);
        assertThat(thirdOk.getCredential().getKeyId()).isEqualTo(2);
    }

    @Test
    void shouldLetAClientVerifyPeersOfBothKeysDuringTheOverlap() throws Exception
    {
        final SignalingServer server = fixture.server(serverContext());
        final SignalingClient alice = fixture.client(fixture.clientContext(server, "acme:a:1").epochClock(clock));
        final SignalingClient bob = fixture.client(fixture.clientContext(server, "acme:b:1").epochClock(clock));
        final SignalingRegistration aliceBefore = alice.registered().get(WAIT_MS, TimeUnit.MILLISECONDS);
        bob.registered().get(WAIT_MS, TimeUnit.MILLISECONDS);

        server.rotateSigningKey().get(WAIT_MS, TimeUnit.MILLISECONDS);
        final SignalingRegistration bobAfter = bob.renewCredential().get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(bobAfter.signingKeyId()).isEqualTo(2);

        final long nowSec = clock.time() / 1000;
        final CredentialVerifier aliceVerifier = new CredentialVerifier(alice.keyResolver());
        assertThat(aliceVerifier.knowsKey(2, nowSec)).as("not learnt yet").isFalse();
        assertThat(alice.fetchSigningKey(2).get(WAIT_MS, TimeUnit.MILLISECONDS)).isNotNull();
        assertThat(aliceVerifier.verify(bobAfter.credential(), SignalingFixture.REALM, nowSec, true).id())
            .isEqualTo(bobAfter.id());
        final CredentialVerifier bobVerifier = new CredentialVerifier(bob.keyResolver());
        assertThat(bobVerifier.verify(aliceBefore.credential(), SignalingFixture.REALM, nowSec, true).id())
            .as("bob still verifies alice's credential of the retired key").isEqualTo(aliceBefore.id());
        assertThat(alice.fetchSigningKey(99).get(WAIT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    private SignalingServerContext serverContext()
    {
        return fixture.serverContext().epochClock(clock).credentialLifetimeMs(LIFETIME_MS).heartbeatIntervalMs(200);
    }

    private RawSignalingPeer open(final SignalingServer server) throws Exception
    {
        final RawSignalingPeer peer = fixture.track(new RawSignalingPeer(server.uri()));
        peer.opened().get(WAIT_MS, TimeUnit.MILLISECONDS);
        return peer;
    }

    private static SigningKeyOk signingKey(final RawSignalingPeer peer, final int keyId) throws InterruptedException
    {
        peer.send(getSigningKey("k" + keyId, keyId));
        final SignalingEnvelope answer = peer.next(WAIT_MS);
        assertThat(answer.getServerToActr().hasSigningKeyOk()).as(answer.toString()).isTrue();
        assertThat(answer.getServerToActr().getSigningKeyOk().getKeyId()).isEqualTo(keyId);
        return answer.getServerToActr().getSigningKeyOk();
    }

    private static SignalingEnvelope getSigningKey(final String id, final int keyId)
    {
        return SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId(id)
            .setPeerToServer(PeerToSignaling.newBuilder()
                .setGetSigningKeyRequest(GetSigningKeyRequest.newBuilder().setKeyId(keyId)))
            .build();
    }
}
