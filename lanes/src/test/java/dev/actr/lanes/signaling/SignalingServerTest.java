package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.ActrToSignaling;
import dev.actr.codec.proto.IceCandidate;
import dev.actr.codec.proto.Ping;
import dev.actr.codec.proto.RegisterOk;
import dev.actr.codec.proto.RoleAssignment;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RawSignalingPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SignalingServerTest
{
    private static final long WAIT_MS = 5_000;

    @TempDir
    Path dir;

    private SignalingFixture fixture;

    @BeforeEach
    void setUp()
    {
        fixture = new SignalingFixture(dir);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void shouldAnswerEnvelopeThatDoesNotDecodeAndKeepTheConnection() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final RawSignalingPeer peer = open(server);

        peer.sendBytes(new byte[] {(byte)0xFF, (byte)0xFF, 0x01});
        final SignalingEnvelope error = peer.next(WAIT_MS);

        assertThat(error.getEnvelopeError().getCode()).isEqualTo(SignalingErrors.MALFORMED);
        assertThat(error.hasReplyFor()).isFalse();
        final RegisterOk ok = register(peer, "r1", "acme:a:1", Ed25519Keys.generate());
        assertThat(ok.getActrId().getType().getName()).isEqualTo("a");
    }

    @Test
    void shouldRefuseWrongVersionTextFramesAndEmptyFlows() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final RawSignalingPeer peer = open(server);

        peer.send(SignalingEnvelope.newBuilder().setEnvelopeVersion(2).setEnvelopeId("v2").build());
        assertError(peer.next(WAIT_MS), "v2", SignalingErrors.UNSUPPORTED_VERSION);
        peer.send(SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId("none").build());
        assertError(peer.next(WAIT_MS), "none", SignalingErrors.MALFORMED);
        peer.sendText("hello");
        assertThat(peer.next(WAIT_MS).getEnvelopeError().getCode()).isEqualTo(SignalingErrors.MALFORMED);
        assertThat(server.counter(SignalingCounter.ENVELOPE_ERRORS)).isEqualTo(3);
    }

    @Test
    void shouldRefuseRequestsFromConnectionNotRegisteredAsTheSource() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final RawSignalingPeer alice = open(server);
        final RawSignalingPeer mallory = open(server);
        final RegisterOk aliceOk = register(alice, "r1", "acme:a:1", Ed25519Keys.generate());

        mallory.send(ping("p1", aliceOk.getActrId(), aliceOk.getCredential()));
        assertError(mallory.next(WAIT_MS), "p1", SignalingErrors.NOT_REGISTERED);
        mallory.send(relay("x1", aliceOk.getActrId(), aliceOk.getCredential(), aliceOk.getActrId()));
        assertError(mallory.next(WAIT_MS), "x1", SignalingErrors.NOT_REGISTERED);
        alice.send(SignalingFixture.register("r2", "acme:a:1", Ed25519Keys.generate()));
        assertError(alice.next(WAIT_MS), "r2", SignalingErrors.ALREADY_REGISTERED);
    }

    @Test
    void shouldRefuseForgedTamperedMissingAndForeignCredentials() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final RawSignalingPeer alice = open(server);
        final RawSignalingPeer bob = open(server);
        final RegisterOk aliceOk = register(alice, "r1", "acme:a:1", Ed25519Keys.generate());
        final RegisterOk bobOk = register(bob, "r2", "acme:b:1", Ed25519Keys.generate());
        final ActrId aliceId = aliceOk.getActrId();
        final KeyPair forger = Ed25519Keys.generate();
        final AIdCredential forged = CredentialIssuer.issue(aliceId, null, Long.MAX_VALUE / 2,
            aliceOk.getSigningKeyId(), forger.getPrivate());
        final AIdCredential tampered = aliceOk.getCredential().toBuilder()
            .setClaims(forged.getClaims()).build();

        alice.send(ping("f", aliceId, forged));
        assertError(alice.next(WAIT_MS), "f", SignalingErrors.UNAUTHENTICATED);
        alice.send(ping("t", aliceId, tampered));
        assertError(alice.next(WAIT_MS), "t", SignalingErrors.UNAUTHENTICATED);
        alice.send(ping("b", aliceId, bobOk.getCredential()));
        assertError(alice.next(WAIT_MS), "b", SignalingErrors.UNAUTHENTICATED);
        alice.send(ping("m", aliceId, null));
        assertError(alice.next(WAIT_MS), "m", SignalingErrors.UNAUTHENTICATED);
        alice.send(relay("x", aliceId, forged, bobOk.getActrId()));
        assertError(alice.next(WAIT_MS), "x", SignalingErrors.UNAUTHENTICATED);

        alice.send(ping("ok", aliceId, aliceOk.getCredential()));
        final SignalingEnvelope pong = alice.next(WAIT_MS);
        assertThat(pong.getReplyFor()).isEqualTo("ok");
        assertThat(pong.getServerToActr().hasPong()).isTrue();
    }

    @Test
    void shouldRefuseRelayToUnknownTargetAndRoleAssignmentFromANode() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext());
        final RawSignalingPeer alice = open(server);
        final RawSignalingPeer bob = open(server);
        final RegisterOk aliceOk = register(alice, "r1", "acme:a:1", Ed25519Keys.generate());
        final RegisterOk bobOk = register(bob, "r2", "acme:b:1", Ed25519Keys.generate());

        alice.send(relay("u", aliceOk.getActrId(), aliceOk.getCredential(), ActrIds.parse("ff@5/acme:ghost:1")));
        assertError(alice.next(WAIT_MS), "u", SignalingErrors.NOT_FOUND);
        alice.send(SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId("ra")
            .setActrRelay(ActrRelay.newBuilder().setSource(aliceOk.getActrId()).setCredential(aliceOk.getCredential())
                .setTarget(bobOk.getActrId()).setRoleAssignment(RoleAssignment.newBuilder().setIsOfferer(true)))
            .build());
        assertError(alice.next(WAIT_MS), "ra", SignalingErrors.MALFORMED);

        alice.send(relay("ok", aliceOk.getActrId(), aliceOk.getCredential(), bobOk.getActrId()));
        final SignalingEnvelope relayed = bob.next(WAIT_MS);
        assertThat(relayed.getEnvelopeId()).isEqualTo("ok");
        assertThat(relayed.getActrRelay().getSource()).isEqualTo(aliceOk.getActrId());
    }

    @Test
    void shouldExpireNodeThatStopsHeartbeating() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext().heartbeatIntervalMs(100));
        final RawSignalingPeer silent = open(server);
        register(silent, "r1", "acme:echo:1", Ed25519Keys.generate());

        final SignalingEnvelope expired = silent.next(WAIT_MS);

        assertThat(expired.getEnvelopeError().getCode()).isEqualTo(SignalingErrors.EXPIRED);
        assertThat(silent.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isNotNull();
        Await.until("unregistered", () -> server.registeredCount() == 0);
        assertThat(server.counter(SignalingCounter.EXPIRED)).isEqualTo(1);
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSendsAnOversizeFrame() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext().maxFrameLength(4096));
        final RawSignalingPeer big = open(server);
        final RawSignalingPeer small = open(server);
        final RegisterOk smallOk = register(small, "r1", "acme:a:1", Ed25519Keys.generate());

        big.sendBytes(new byte[4097]);

        assertThat(big.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1009);
        Await.until("counted", () -> server.counter(SignalingCounter.FRAMES_TOO_LARGE) == 1);
        small.send(ping("p", smallOk.getActrId(), smallOk.getCredential()));
        assertThat(small.next(WAIT_MS).getServerToActr().hasPong()).isTrue();
    }

    @Test
    void shouldRefuseConnectionsBeyondTheLimit() throws Exception
    {
        final SignalingServer server = fixture.server(fixture.serverContext().maxConnections(2));
        open(server);
        open(server);

        final RawSignalingPeer third = fixture.track(new RawSignalingPeer(server.uri()));

        assertThat(third.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(-1);
        assertThat(third.opened()).isCompletedExceptionally();
        assertThat(server.counter(SignalingCounter.CONNECTIONS_REFUSED)).isEqualTo(1);
    }

    @Test
    void shouldNeverHandOutASerialTwiceAcrossRestarts() throws Exception
    {
        final SignalingServer first = SignalingServer.launch(fixture.serverContext());
        final ActrId before;
        try (RawSignalingPeer peer = new RawSignalingPeer(first.uri()))
        {
            peer.opened().get(WAIT_MS, TimeUnit.MILLISECONDS);
            before = register(peer, "r1", "acme:a:1", Ed25519Keys.generate()).getActrId();
        }
        finally
        {
            first.close();
        }
        final SignalingServer second = fixture.server(fixture.serverContext());
        final ActrId after = register(open(second), "r1", "acme:a:1", Ed25519Keys.generate()).getActrId();

        assertThat(before.getSerialNumber()).isEqualTo(1L << 32 | 1);
        assertThat(after.getSerialNumber()).isEqualTo(2L << 32 | 1);
    }

    private RawSignalingPeer open(final SignalingServer server) throws Exception
    {
        final RawSignalingPeer peer = fixture.track(new RawSignalingPeer(server.uri()));
        peer.opened().get(WAIT_MS, TimeUnit.MILLISECONDS);
        return peer;
    }

    static RegisterOk register(final RawSignalingPeer peer, final String id, final String type, final KeyPair keys)
        throws InterruptedException
    {
        peer.send(SignalingFixture.register(id, type, keys));
        final SignalingEnvelope answer = peer.next(WAIT_MS);
        assertThat(answer.getReplyFor()).isEqualTo(id);
        assertThat(answer.getServerToActr().hasRegisterOk()).as(answer.toString()).isTrue();
        return answer.getServerToActr().getRegisterOk();
    }

    static SignalingEnvelope ping(final String id, final ActrId source, final AIdCredential credential)
    {
        final ActrToSignaling.Builder body = ActrToSignaling.newBuilder().setSource(source).setPing(Ping.newBuilder());
        if (credential != null)
        {
            body.setCredential(credential);
        }
        return SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId(id).setActrToServer(body).build();
    }

    static SignalingEnvelope relay(
        final String id, final ActrId source, final AIdCredential credential, final ActrId target)
    {
        return SignalingEnvelope.newBuilder().setEnvelopeVersion(1).setEnvelopeId(id)
            .setActrRelay(ActrRelay.newBuilder().setSource(source).setCredential(credential).setTarget(target)
                .setIceCandidate(IceCandidate.newBuilder().setCandidate("candidate:0").setSdpMid(
                    ByteString.copyFromUtf8("0").toStringUtf8())))
            .build();
    }

    static void assertError(final SignalingEnvelope envelope, final String replyFor, final int code)
    {
        assertThat(envelope.hasEnvelopeError()).as(envelope.toString()).isTrue();
        assertThat(envelope.getReplyFor()).isEqualTo(replyFor);
        assertThat(envelope.getEnvelopeError().getCode()).as(envelope.getEnvelopeError().getMessage()).isEqualTo(code);
        assertThat(envelope.getEnvelopeError().getMessage()).isNotBlank();
    }
}
