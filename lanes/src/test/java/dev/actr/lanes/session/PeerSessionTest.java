package dev.actr.lanes.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.PeerHello;
import dev.actr.codec.proto.PeerHelloAck;
import dev.actr.codec.proto.PeerHelloFinish;
import dev.actr.codec.proto.PeerSessionMessage;
import dev.actr.lanes.signaling.CredentialIssuer;
import dev.actr.lanes.testing.TestCredentials;
import dev.actr.lanes.testing.TestCredentials.Node;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

class PeerSessionTest
{
    private static final String LANE = "websocket";

    private final TestCredentials issuer = new TestCredentials();
    private final Node alice = issuer.node("a1@5/acme:alice:1");
    private final Node bob = issuer.node("b2@5/acme:bob:1");
    private final AuthRejectionCounters aliceCounters = new AuthRejectionCounters();
    private final AuthRejectionCounters bobCounters = new AuthRejectionCounters();
    private final PeerAuthenticator aliceAuth = issuer.authenticator(LANE, alice.identity(), aliceCounters);
    private final PeerAuthenticator bobAuth = issuer.authenticator(LANE, bob.identity(), bobCounters);

    @Test
    void shouldAuthenticateBothSidesFromTheirCredentials()
    {
        final PeerSession initiator = aliceAuth.initiator(bob.id);
        final PeerSession responder = bobAuth.responder();

        assertThat(initiator.start()).isEqualTo(PeerSession.CONTINUE);
        assertThat(responder.onMessage(initiator.takeOutput())).isEqualTo(PeerSession.CONTINUE);
        assertThat(initiator.onMessage(responder.takeOutput())).isEqualTo(PeerSession.READY);
        assertThat(responder.onMessage(initiator.takeOutput())).isEqualTo(PeerSession.READY);

        assertThat(initiator.state()).isEqualTo(PeerSessionState.READY);
        assertThat(responder.state()).isEqualTo(PeerSessionState.READY);
        assertThat(initiator.peer().id()).isEqualTo(bob.id);
        assertThat(responder.peer().id()).isEqualTo(alice.id);
        assertThat(aliceCounters.accepted()).isEqualTo(1);
        assertThat(bobCounters.accepted()).isEqualTo(1);
        assertThat(aliceCounters.rejectedTotal() + bobCounters.rejectedTotal()).isZero();
    }

    @Test
    void shouldUseFreshNoncesOnEveryConnection() throws InvalidProtocolBufferException
    {
        final PeerSession first = aliceAuth.initiator(bob.id);
        final PeerSession second = aliceAuth.initiator(bob.id);
        first.start();
        second.start();

        final ByteString nonceOne = PeerSessionMessage.parseFrom(first.takeOutput()).getHello().getNonce();
        final ByteString nonceTwo = PeerSessionMessage.parseFrom(second.takeOutput()).getHello().getNonce();

        assertThat(nonceOne.size()).isEqualTo(SessionTranscript.NONCE_LENGTH);
        assertThat(nonceOne).isNotEqualTo(nonceTwo);
    }

    @Test
    void shouldRejectCredentialSignedByAnotherKey()
    {
        final KeyPair forger = Ed25519Keys.generate();
        final AIdCredential forged = CredentialIssuer.issue(alice.id, Ed25519Keys.toRaw(alice.keys.getPublic()),
            issuer.nowSec() + 60, TestCredentials.KEY_ID, forger.getPrivate());

        assertResponderRejects(forged, alice.keys, AuthRejection.BAD_CREDENTIAL_SIGNATURE);
    }

    @Test
    void shouldRejectCredentialWhoseClaimsWereAltered()
    {
        final Node mallory = issuer.node("c3@5/acme:mallory:1");
        final AIdCredential genuine = mallory.credential;
        final AIdCredential altered = genuine.toBuilder()
            .setClaims(issuer.issue(alice.id, mallory.keys, issuer.nowSec() + 60).getClaims())
            .build();

        assertResponderRejects(altered, mallory.keys, AuthRejection.BAD_CREDENTIAL_SIGNATURE);
    }

    @Test
    void shouldRejectExpiredCredential()
    {
        final AIdCredential expired = issuer.issue(alice.id, alice.keys, issuer.nowSec());

        assertResponderRejects(expired, alice.keys, AuthRejection.CREDENTIAL_EXPIRED);
    }

    @Test
    void shouldRejectCredentialOfAnotherRealm()
    {
        final Node stranger = issuer.node("d4@6/acme:alice:1");

        assertResponderRejects(stranger.credential, stranger.keys, AuthRejection.WRONG_REALM);
    }

    @Test
    void shouldRejectCredentialBindingNoNodeKey()
    {
        final AIdCredential bearer = CredentialIssuer.issue(alice.id, null, issuer.nowSec() + 60,
            TestCredentials.KEY_ID, issuer.signingKeys().getPrivate());

        assertResponderRejects(bearer, alice.keys, AuthRejection.NO_NODE_KEY);
    }

    @Test
    void shouldRejectCredentialOfUnknownSigningKeyAfterOneFetch()
    {
        final AIdCredential unknownKey = alice.credential.toBuilder().setKeyId(99).build();
        final PeerSession responder = bobAuth.responder();

        assertThat(responder.onMessage(hello(unknownKey, new byte[32]))).isEqualTo(PeerSession.AWAIT_SIGNING_KEY);
        assertThat(responder.missingKeyId()).isEqualTo(99);
        assertThat(responder.retry()).isEqualTo(PeerSession.REJECTED);
        assertThat(responder.rejection()).isEqualTo(AuthRejection.UNKNOWN_SIGNING_KEY);
        assertThat(bobCounters.rejected(AuthRejection.UNKNOWN_SIGNING_KEY)).isEqualTo(1);
    }

    @Test
    void shouldVerifyWithSigningKeyFetchedWhileWaiting()
    {
        final SigningKeyRing empty = new SigningKeyRing();
        final PeerAuthenticator bobEmpty = new PeerAuthenticator(LANE, bob.identity(),
            new CredentialVerifier(empty), issuer.clock(), new java.security.SecureRandom(), bobCounters);
        final PeerSession initiator = aliceAuth.initiator(bob.id);
        final PeerSession responder = bobEmpty.responder();
        initiator.start();

        assertThat(responder.onMessage(initiator.takeOutput())).isEqualTo(PeerSession.AWAIT_SIGNING_KEY);
        empty.put(TestCredentials.KEY_ID, issuer.signingKeys().getPublic(), SigningKeyRing.FOREVER);
        assertThat(responder.retry()).isEqualTo(PeerSession.CONTINUE);
        assertThat(initiator.onMessage(responder.takeOutput())).isEqualTo(PeerSession.READY);
        assertThat(responder.onMessage(initiator.takeOutput())).isEqualTo(PeerSession.READY);
    }

    @Test
    void shouldAcceptRetiredKeyWithinItsOverlapOnly()
    {
        issuer.ring().put(TestCredentials.KEY_ID, issuer.signingKeys().getPublic(), issuer.nowSec() + 10);
        assertThat(handshake(aliceAuth.initiator(bob.id), bobAuth.responder())).isEqualTo(PeerSession.READY);

        issuer.clock().update(issuer.clock().time() + 11_000);
        final PeerSession responder = bobAuth.responder();
        final PeerSession initiator = aliceAuth.initiator(bob.id);
        initiator.start();
        responder.onMessage(initiator.takeOutput());
        assertThat(responder.retry()).isEqualTo(PeerSession.REJECTED);
        assertThat(responder.rejection()).isEqualTo(AuthRejection.UNKNOWN_SIGNING_KEY);
    }

    @Test
    void shouldRejectReplayedHelloAckOnNewConnection()
    {
        final PeerSession firstInitiator = aliceAuth.initiator(bob.id);
        final PeerSession firstResponder = bobAuth.responder();
        firstInitiator.start();
        firstResponder.onMessage(firstInitiator.takeOutput());
        final byte[] recordedAck = firstResponder.takeOutput();

        final PeerSession secondInitiator = aliceAuth.initiator(bob.id);
        secondInitiator.start();
        assertThat(secondInitiator.onMessage(recordedAck)).isEqualTo(PeerSession.REJECTED);
        assertThat(secondInitiator.rejection()).isEqualTo(AuthRejection.BAD_NONCE_SIGNATURE);
        assertThat(aliceCounters.rejected(AuthRejection.BAD_NONCE_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void shouldRejectReplayedHelloAndFinishOnNewConnection() throws InvalidProtocolBufferException
    {
        final PeerSession initiator = aliceAuth.initiator(bob.id);
        final PeerSession responder = bobAuth.responder();
        initiator.start();
        final byte[] recordedHello = initiator.takeOutput();
        responder.onMessage(recordedHello);
        initiator.onMessage(responder.takeOutput());
        final byte[] recordedFinish = initiator.takeOutput();
        assertThat(responder.onMessage(recordedFinish)).isEqualTo(PeerSession.READY);

        final PeerSession replayTarget = bobAuth.responder();
        assertThat(replayTarget.onMessage(recordedHello)).isEqualTo(PeerSession.CONTINUE);
        assertThat(replayTarget.onMessage(recordedFinish)).isEqualTo(PeerSession.REJECTED);
        assertThat(replayTarget.rejection()).isEqualTo(AuthRejection.BAD_NONCE_SIGNATURE);
        assertThat(PeerSessionMessage.parseFrom(replayTarget.takeOutput()).getReject().getCode())
            .isEqualTo(AuthRejection.BAD_NONCE_SIGNATURE.code());
    }

    @Test
    void shouldRejectSignatureByAnotherKeyThanTheBoundOne()
    {
        final KeyPair otherKeys = Ed25519Keys.generate();
        final PeerAuthenticator impostor = issuer.authenticator(LANE,
            dev.actr.lanes.session.LocalIdentity.of(bob.credential, otherKeys), new AuthRejectionCounters());

        final PeerSession initiator = aliceAuth.initiator(bob.id);
        final PeerSession responder = impostor.responder();
        initiator.start();
        responder.onMessage(initiator.takeOutput());

        assertThat(initiator.onMessage(responder.takeOutput())).isEqualTo(PeerSession.REJECTED);
        assertThat(initiator.rejection()).isEqualTo(AuthRejection.BAD_NONCE_SIGNATURE);
    }

    @Test
    void shouldRejectResponderSignatureReflectedAsFinish() throws InvalidProtocolBufferException
    {
        // Mallory holds bob's credential (a bearer token to actr) but not bob's node key. She dials bob with it
        // and sends bob's own hello_ack signature back as her finish.
        final PeerSession responder = bobAuth.responder();
        final byte[] nonce = new byte[32];
        assertThat(responder.onMessage(hello(bob.credential, nonce))).isEqualTo(PeerSession.CONTINUE);
        final PeerHelloAck ack = PeerSessionMessage.parseFrom(responder.takeOutput()).getHelloAck();

        final byte[] reflected = PeerSessionMessage.newBuilder()
            .setFinish(PeerHelloFinish.newBuilder().setSignature(ack.getSignature())).build().toByteArray();

        assertThat(responder.onMessage(reflected)).isEqualTo(PeerSession.REJECTED);
        assertThat(responder.rejection()).isEqualTo(AuthRejection.BAD_NONCE_SIGNATURE);
    }

    @Test
    void shouldRejectSignatureMadeForAnotherLane()
    {
        final PeerAuthenticator bobOnWebRtc = issuer.authenticator("webrtc", bob.identity(), bobCounters);

        assertThat(handshake(aliceAuth.initiator(bob.id), bobOnWebRtc.responder())).isEqualTo(PeerSession.REJECTED);
        assertThat(aliceCounters.rejected(AuthRejection.BAD_NONCE_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void shouldRejectResponderThatIsNotTheDialledPeer()
    {
        final Node carol = issuer.node("c3@5/acme:carol:1");

        assertThat(handshake(aliceAuth.initiator(carol.id), bobAuth.responder())).isEqualTo(PeerSession.REJECTED);
        assertThat(aliceCounters.rejected(AuthRejection.UNEXPECTED_PEER)).isEqualTo(1);
        assertThat(bobCounters.rejected(AuthRejection.PEER_REJECTED)).isEqualTo(1);
    }

    @Test
    void shouldRejectMalformedAndOutOfOrderMessages()
    {
        final PeerSession garbage = bobAuth.responder();
        assertThat(garbage.onMessage(new byte[] {(byte)0xFF, 0x01, 0x02})).isEqualTo(PeerSession.REJECTED);
        assertThat(garbage.rejection()).isEqualTo(AuthRejection.MALFORMED);

        final PeerSession finishFirst = bobAuth.responder();
        final byte[] finish = PeerSessionMessage.newBuilder()
            .setFinish(PeerHelloFinish.newBuilder().setSignature(ByteString.copyFrom(new byte[64]))).build()
            .toByteArray();
        assertThat(finishFirst.onMessage(finish)).isEqualTo(PeerSession.REJECTED);
        assertThat(finishFirst.rejection()).isEqualTo(AuthRejection.UNEXPECTED_MESSAGE);

        final PeerSession shortNonce = bobAuth.responder();
        assertThat(shortNonce.onMessage(hello(alice.credential, new byte[8]))).isEqualTo(PeerSession.REJECTED);
        assertThat(shortNonce.rejection()).isEqualTo(AuthRejection.MALFORMED);

        final PeerSession newerVersion = bobAuth.responder();
        final byte[] v2 = PeerSessionMessage.newBuilder().setHello(PeerHello.newBuilder().setVersion(2)
            .setCredential(alice.credential).setNonce(ByteString.copyFrom(new byte[32]))).build().toByteArray();
        assertThat(newerVersion.onMessage(v2)).isEqualTo(PeerSession.REJECTED);
        assertThat(newerVersion.rejection()).isEqualTo(AuthRejection.UNSUPPORTED_VERSION);

        final PeerSession helloTwice = bobAuth.responder();
        helloTwice.onMessage(hello(alice.credential, new byte[32]));
        assertThat(helloTwice.onMessage(hello(alice.credential, new byte[32]))).isEqualTo(PeerSession.REJECTED);
        assertThat(helloTwice.rejection()).isEqualTo(AuthRejection.UNEXPECTED_MESSAGE);
    }

    @Test
    void shouldRefuseToStartWithoutLocalCredentialAndTimeOutStalledHandshake()
    {
        final PeerAuthenticator unregistered = issuer.authenticator(LANE, new LocalIdentity()
        {
            @Override
            public AIdCredential credential()
            {
                return null;
            }

            @Override
            public java.security.PrivateKey nodePrivateKey()
            {
                return alice.keys.getPrivate();
            }
        }, aliceCounters);
        assertThat(unregistered.initiator(bob.id).start()).isEqualTo(PeerSession.REJECTED);
        assertThat(aliceCounters.rejected(AuthRejection.NO_LOCAL_CREDENTIAL)).isEqualTo(1);

        final PeerSession stalled = bobAuth.responder();
        assertThat(stalled.timeout()).isEqualTo(PeerSession.REJECTED);
        assertThat(stalled.state()).isEqualTo(PeerSessionState.CLOSING);
        assertThat(bobCounters.rejected(AuthRejection.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void shouldNameTheVerifiedIdFromTheClaims()
    {
        final PeerSession responder = bobAuth.responder();
        responder.onMessage(hello(alice.credential, new byte[32]));

        assertThat(ActrIds.format(responder.peer().id())).isEqualTo("a1@5/acme:alice:1");
        assertThat(responder.peer().nodePublicKey()).isEqualTo(alice.keys.getPublic());
    }

    private void assertResponderRejects(
        final AIdCredential credential, final KeyPair keys, final AuthRejection expected)
    {
        final PeerAuthenticator presenter = issuer.authenticator(LANE, LocalIdentity.of(credential, keys),
            new AuthRejectionCounters());

        assertThat(handshake(presenter.initiator(bob.id), bobAuth.responder())).isEqualTo(PeerSession.REJECTED);
        assertThat(bobCounters.rejected(expected)).as(bobCounters.toString()).isEqualTo(1);
        assertThat(bobCounters.accepted()).isZero();
    }

    private static int handshake(final PeerSession initiator, final PeerSession responder)
    {
        int result = initiator.start();
        PeerSession from = initiator;
        PeerSession to = responder;
        while (result == PeerSession.CONTINUE || result == PeerSession.READY)
        {
            final byte[] bytes = from.takeOutput();
            if (bytes == null)
            {
                return result;
            }
            result = to.onMessage(bytes);
            if (result == PeerSession.REJECTED)
            {
                from.onMessage(to.takeOutput());
                return result;
            }
            final PeerSession swap = from;
            from = to;
            to = swap;
        }
        return result;
    }

    private static byte[] hello(final AIdCredential credential, final byte[] nonce)
    {
        return PeerSessionMessage.newBuilder().setHello(PeerHello.newBuilder().setVersion(1)
            .setCredential(credential).setNonce(ByteString.copyFrom(nonce))).build().toByteArray();
    }
}
