package dev.actr.lanes.session;

import dev.actr.codec.proto.ActrId;
import org.agrona.concurrent.EpochClock;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Makes the {@link PeerSession}s of one lane: holds what every handshake of the lane shares — the lane's name
 * (bound into every signature), this node's identity, the credential verifier, the wall clock, the nonce source and
 * the rejection counters. Thread safe.
 */
public final class PeerAuthenticator
{
    /** The handshake version this code speaks ({@code PeerHello.version}). */
    public static final int VERSION = 1;

    private final String laneName;
    private final LocalIdentity identity;
    private final CredentialVerifier verifier;
    private final EpochClock clock;
    private final SecureRandom random;
    private final AuthRejectionCounters counters;

    /**
     * @param laneName  the lane's name, e.g. {@code "websocket"}; both sides must use the same.
     * @param identity  this node's credential and node key.
     * @param verifier  checks peers' credentials.
     * @param clock     wall clock (credential expiry).
     * @param random    nonce source.
     * @param counters  where outcomes are counted.
     */
    public PeerAuthenticator(
        final String laneName,
        final LocalIdentity identity,
        final CredentialVerifier verifier,
        final EpochClock clock,
        final SecureRandom random,
        final AuthRejectionCounters counters)
    {
        this.laneName = Objects.requireNonNull(laneName, "laneName");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * @param expectedPeer the peer being dialled (its verified identity must be this), or {@code null} for any.
     * @return a session for a connection this node opened.
     */
    public PeerSession initiator(final ActrId expectedPeer)
    {
        return new PeerSession(this, true, expectedPeer);
    }

    /**
     * @return a session for a connection a peer opened.
     */
    public PeerSession responder()
    {
        return new PeerSession(this, false, null);
    }

    /**
     * @return the outcome counters.
     */
    public AuthRejectionCounters counters()
    {
        return counters;
    }

    /**
     * @return the verifier (and through it the signing keys).
     */
    public CredentialVerifier verifier()
    {
        return verifier;
    }

    String laneName()
    {
        return laneName;
    }

    LocalIdentity identity()
    {
        return identity;
    }

    long nowEpochSec()
    {
        return clock.time() / 1000;
    }

    byte[] newNonce()
    {
        final byte[] nonce = new byte[SessionTranscript.NONCE_LENGTH];
        random.nextBytes(nonce);
        return nonce;
    }
}
