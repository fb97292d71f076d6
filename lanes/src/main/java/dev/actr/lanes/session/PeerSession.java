package dev.actr.lanes.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.PeerHello;
import dev.actr.codec.proto.PeerHelloAck;
import dev.actr.codec.proto.PeerHelloFinish;
import dev.actr.codec.proto.PeerReject;
import dev.actr.codec.proto.PeerSessionMessage;

/**
 * The handshake of one peer connection, as a state machine with no transport (see {@link PeerSessionState}).
 * The lane feeds it each handshake message received and sends what {@link #takeOutput()} gives after each step:
 * <pre>
 *   initiator: start() ─ hello ─►        responder: onMessage(hello) ─ hello_ack ─►
 *   initiator: onMessage(hello_ack) ─ finish ─► READY
 *                                        responder: onMessage(finish) ─► READY
 * </pre>
 * A step returns {@link #CONTINUE}, {@link #READY}, {@link #REJECTED} (send the output, a reject, then close),
 * {@link #PEER_REJECTED} (close) or {@link #AWAIT_SIGNING_KEY} (fetch {@link #missingKeyId()} through the
 * verifier's resolver, then call {@link #retry()}). Accepts only: a credential signed by a signing key the
 * resolver knows, unexpired, of this node's realm, binding a node key; and a signature by that node key over
 * this handshake's transcript ({@link SessionTranscript}) in the peer's role.
 *
 * <p>NOT thread safe: one thread (the connection's I/O thread) drives a session.
 */
public final class PeerSession
{
    /** Send the output (if any) and wait for the next message. */
    public static final int CONTINUE = 0;
    /** Send the output (if any): the peer is authenticated, {@link #peer()} is who it is. */
    public static final int READY = 1;
    /** This side refused: send the output (a reject) and close. {@link #rejection()} says why. */
    public static final int REJECTED = 2;
    /** The peer refused: close. */
    public static final int PEER_REJECTED = 3;
    /** The peer's credential names a signing key not known yet: fetch it, then {@link #retry()}. */
    public static final int AWAIT_SIGNING_KEY = 4;

    private final PeerAuthenticator authenticator;
    private final boolean initiator;
    private final ActrId expectedPeer;
    private PeerSessionState state = PeerSessionState.CONNECTING;
    private byte[] output;
    private byte[] localNonce;
    private byte[] localClaims;
    private byte[] peerNonce;
    private byte[] peerClaims;
    private VerifiedPeer peer;
    private AuthRejection rejection;
    private String rejectionMessage;
    private PeerSessionMessage pending;
    private int missingKeyId;
    private boolean keyFetched;

    PeerSession(final PeerAuthenticator authenticator, final boolean initiator, final ActrId expectedPeer)
    {
        this.authenticator = authenticator;
        this.initiator = initiator;
        this.expectedPeer = expectedPeer;
    }

    /**
     * Initiator only: open the handshake (output: hello).
     *
     * @return {@link #CONTINUE}, or {@link #REJECTED} when this node has no credential.
     */
    public int start()
    {
        if (!initiator || state != PeerSessionState.CONNECTING)
        {
            throw new IllegalStateException("start() is for a new initiator session, state " + state);
        }
        final AIdCredential credential = authenticator.identity().credential();
        if (credential == null)
        {
            return reject(AuthRejection.NO_LOCAL_CREDENTIAL, "this node has no credential yet", false);
        }
        localClaims = credential.getClaims().toByteArray();
        localNonce = authenticator.newNonce();
        output = PeerSessionMessage.newBuilder().setHello(PeerHello.newBuilder()
            .setVersion(PeerAuthenticator.VERSION).setCredential(credential).setNonce(ByteString.copyFrom(localNonce)))
            .build().toByteArray();
        state = PeerSessionState.AUTHENTICATING;
        return CONTINUE;
    }

    /**
     * A handshake message arrived.
     *
     * @param bytes the encoded {@code PeerSessionMessage}.
     * @return the step's outcome.
     */
    public int onMessage(final byte[] bytes)
    {
        if (state == PeerSessionState.CLOSING || state == PeerSessionState.CLOSED)
        {
            output = null;
            return REJECTED;
        }
        if (pending != null)
        {
            return reject(AuthRejection.UNEXPECTED_MESSAGE, "message while a signing key is fetched", true);
        }
        final PeerSessionMessage message;
        try
        {
            message = PeerSessionMessage.parseFrom(bytes);
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return reject(AuthRejection.MALFORMED, "handshake message does not decode: " + ex.getMessage(), true);
        }
        return step(message);
    }

    /**
     * After {@link #AWAIT_SIGNING_KEY}: run the held step again (a key still unknown is refused now).
     *
     * @return the step's outcome.
     */
    public int retry()
    {
        final PeerSessionMessage message = pending;
        if (message == null)
        {
            throw new IllegalStateException("nothing awaits a signing key");
        }
        pending = null;
        keyFetched = true;
        return step(message);
    }

    /**
     * The handshake took too long: refuse it (output: a reject) unless it already ended.
     *
     * @return {@link #REJECTED}, or {@link #READY} / {@link #PEER_REJECTED} / {@link #REJECTED} as it ended.
     */
    public int timeout()
    {
        if (state == PeerSessionState.READY)
        {
            return READY;
        }
        if (state == PeerSessionState.CLOSING || state == PeerSessionState.CLOSED)
        {
            return REJECTED;
        }
        return reject(AuthRejection.TIMEOUT, "handshake did not finish in time", true);
    }

    /**
     * The transport closed.
     */
    public void onClosed()
    {
        state = PeerSessionState.CLOSED;
        pending = null;
    }

    /**
     * The lane is closing a ready (or any) session on its own account.
     */
    public void onClosing()
    {
        if (state != PeerSessionState.CLOSED)
        {
            state = PeerSessionState.CLOSING;
        }
    }

    /**
     * @return the bytes to send now (then forgotten), or {@code null}.
     */
    public byte[] takeOutput()
    {
        final byte[] bytes = output;
        output = null;
        return bytes;
    }

    /**
     * @return where the session is in its lifecycle.
     */
    public PeerSessionState state()
    {
        return state;
    }

    /**
     * @return true for the side that opened the connection.
     */
    public boolean isInitiator()
    {
        return initiator;
    }

    /**
     * @return the verified peer once {@link #READY} (the responder also knows it after the hello), else null.
     */
    public VerifiedPeer peer()
    {
        return peer;
    }

    /**
     * @return why the handshake was refused (by either side), or null.
     */
    public AuthRejection rejection()
    {
        return rejection;
    }

    /**
     * @return the refusal's detail, or null.
     */
    public String rejectionMessage()
    {
        return rejectionMessage;
    }

    /**
     * @return the signing key id to fetch after {@link #AWAIT_SIGNING_KEY}.
     */
    public int missingKeyId()
    {
        return missingKeyId;
    }

    private int step(final PeerSessionMessage message)
    {
        try
        {
            if (message.hasReject())
            {
                return peerRejected(message.getReject());
            }
            if (initiator)
            {
                return state == PeerSessionState.AUTHENTICATING && message.hasHelloAck() ?
                    onHelloAck(message) : unexpected(message);
            }
            if (state == PeerSessionState.CONNECTING && message.hasHello())
            {
                return onHello(message);
            }
            return state == PeerSessionState.AUTHENTICATING && message.hasFinish() ?
                onFinish(message.getFinish()) : unexpected(message);
        }
        catch (final PeerAuthException ex)
        {
            return reject(ex.rejection(), ex.getMessage(), true);
        }
    }

    private int onHello(final PeerSessionMessage message)
    {
        final PeerHello hello = message.getHello();
        checkVersionAndNonce(hello.getVersion(), hello.getNonce());
        if (!verifyPeer(hello.getCredential(), message))
        {
            return AWAIT_SIGNING_KEY;
        }
        final AIdCredential credential = authenticator.identity().credential();
        if (credential == null)
        {
            throw new PeerAuthException(AuthRejection.NO_LOCAL_CREDENTIAL, "this node has no credential yet");
        }
        peerNonce = hello.getNonce().toByteArray();
        localNonce = authenticator.newNonce();
        localClaims = credential.getClaims().toByteArray();
        final byte[] signature = Ed25519Keys.sign(authenticator.identity().nodePrivateKey(),
            transcript(SessionTranscript.ROLE_RESPONDER));
        output = PeerSessionMessage.newBuilder().setHelloAck(PeerHelloAck.newBuilder()
            .setVersion(PeerAuthenticator.VERSION).setCredential(credential)
            .setNonce(ByteString.copyFrom(localNonce)).setSignature(ByteString.copyFrom(signature)))
            .build().toByteArray();
        state = PeerSessionState.AUTHENTICATING;
        return CONTINUE;
    }

    private int onHelloAck(final PeerSessionMessage message)
    {
        final PeerHelloAck ack = message.getHelloAck();
        checkVersionAndNonce(ack.getVersion(), ack.getNonce());
        if (!verifyPeer(ack.getCredential(), message))
        {
            return AWAIT_SIGNING_KEY;
        }
        if (expectedPeer != null && !ActrIds.format(expectedPeer).equals(ActrIds.format(peer.id())))
        {
            throw new PeerAuthException(AuthRejection.UNEXPECTED_PEER,
                "dialled " + ActrIds.format(expectedPeer) + " but " + peer.claims().getActorId() +
                " answered");
        }
        peerNonce = ack.getNonce().toByteArray();
        checkPeerSignature(SessionTranscript.ROLE_RESPONDER, ack.getSignature());
        final byte[] signature = Ed25519Keys.sign(authenticator.identity().nodePrivateKey(),
            transcript(SessionTranscript.ROLE_INITIATOR));
        output = PeerSessionMessage.newBuilder()
            .setFinish(PeerHelloFinish.newBuilder().setSignature(ByteString.copyFrom(signature))).build().toByteArray();
        return ready();
    }

    private int onFinish(final PeerHelloFinish finish)
    {
        checkPeerSignature(SessionTranscript.ROLE_INITIATOR, finish.getSignature());
        return ready();
    }

    private int ready()
    {
        state = PeerSessionState.READY;
        authenticator.counters().onAccepted();
        return READY;
    }

    private boolean verifyPeer(final AIdCredential credential, final PeerSessionMessage message)
    {
        final long now = authenticator.nowEpochSec();
        final CredentialVerifier verifier = authenticator.verifier();
        if (!keyFetched && !verifier.knowsKey(credential.getKeyId(), now))
        {
            pending = message;
            missingKeyId = credential.getKeyId();
            return false;
        }
        final AIdCredential own = authenticator.identity().credential();
        if (own == null)
        {
            throw new PeerAuthException(AuthRejection.NO_LOCAL_CREDENTIAL, "this node has no credential yet");
        }
        final long realm = Integer.toUnsignedLong(
            CredentialVerifier.decodeClaims(own.getClaims().toByteArray()).getRealmId());
        peer = verifier.verify(credential, realm, now, true);
        peerClaims = credential.getClaims().toByteArray();
        return true;
    }

    private void checkPeerSignature(final int role, final ByteString signature)
    {
        if (!Ed25519Keys.verify(peer.nodePublicKey(), transcript(role), signature.toByteArray()))
        {
            throw new PeerAuthException(AuthRejection.BAD_NONCE_SIGNATURE,
                peer.claims().getActorId() + " did not sign this handshake with the node key its credential binds");
        }
    }

    private byte[] transcript(final int role)
    {
        return initiator ?
            SessionTranscript.build(role, authenticator.laneName(), localNonce, peerNonce, localClaims, peerClaims) :
            SessionTranscript.build(role, authenticator.laneName(), peerNonce, localNonce, peerClaims, localClaims);
    }

    private static void checkVersionAndNonce(final int version, final ByteString nonce)
    {
        if (version != PeerAuthenticator.VERSION)
        {
            throw new PeerAuthException(AuthRejection.UNSUPPORTED_VERSION,
                "handshake version " + Integer.toUnsignedString(version) + ", this node speaks " +
                PeerAuthenticator.VERSION);
        }
        if (nonce.size() != SessionTranscript.NONCE_LENGTH)
        {
            throw new PeerAuthException(AuthRejection.MALFORMED,
                "nonce of " + nonce.size() + " bytes, expected " + SessionTranscript.NONCE_LENGTH);
        }
    }

    private int unexpected(final PeerSessionMessage message)
    {
        return reject(AuthRejection.UNEXPECTED_MESSAGE,
            message.getBodyCase() + " in state " + state + (initiator ? " (initiator)" : " (responder)"), true);
    }

    private int peerRejected(final PeerReject reject)
    {
        final AuthRejection reason = AuthRejection.forCode(reject.getCode());
        rejection = AuthRejection.PEER_REJECTED;
        rejectionMessage = "peer refused the handshake: " + (reason == null ? "code " + reject.getCode() : reason) +
            (reject.hasMessage() ? " (" + reject.getMessage() + ")" : "");
        authenticator.counters().onRejected(AuthRejection.PEER_REJECTED);
        state = PeerSessionState.CLOSING;
        return PEER_REJECTED;
    }

    private int reject(final AuthRejection reason, final String message, final boolean tellPeer)
    {
        rejection = reason;
        rejectionMessage = message;
        authenticator.counters().onRejected(reason);
        state = PeerSessionState.CLOSING;
        pending = null;
        output = tellPeer ? PeerSessionMessage.newBuilder()
            .setReject(PeerReject.newBuilder().setCode(reason.code()).setMessage(message)).build().toByteArray() : null;
        return REJECTED;
    }
}
