package dev.actr.lanes.testing;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.session.AuthRejectionCounters;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.session.LocalIdentity;
import dev.actr.lanes.session.PeerAuthenticator;
import dev.actr.lanes.session.SigningKeyRing;
import dev.actr.lanes.signaling.CredentialIssuer;
import org.agrona.concurrent.CachedEpochClock;

import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * An issuer of test credentials: one signing key (id {@link #KEY_ID}) in a {@link SigningKeyRing}, a settable
 * wall clock, and nodes with their own Ed25519 key pairs. Credentials are made by the shipped
 * {@link CredentialIssuer}.
 */
public final class TestCredentials
{
    /** The signing key's id. */
    public static final int KEY_ID = 7;
    /** Wall clock start: 2026-11-01T00:00:00Z. */
    public static final long START_MS = 1_793_491_200_000L;

    private final KeyPair signingKeys = Ed25519Keys.generate();
    private final SigningKeyRing ring = new SigningKeyRing();
    private final CachedEpochClock clock = new CachedEpochClock();

    /**
     * A fresh issuer whose key is in its ring and whose clock reads {@link #START_MS}.
     */
    public TestCredentials()
    {
        ring.put(KEY_ID, signingKeys.getPublic(), SigningKeyRing.FOREVER);
        clock.update(START_MS);
    }

    /**
     * @return the ring verifiers use.
     */
    public SigningKeyRing ring()
    {
        return ring;
    }

    /**
     * @return the settable wall clock.
     */
    public CachedEpochClock clock()
    {
        return clock;
    }

    /**
     * @return the signing key pair.
     */
    public KeyPair signingKeys()
    {
        return signingKeys;
    }

    /**
     * @return now, Unix epoch seconds, by {@link #clock()}.
     */
    public long nowSec()
    {
        return clock.time() / 1000;
    }

    /**
     * @param idText an ActrId text form.
     * @return a node valid for an hour.
     */
    public Node node(final String idText)
    {
        final KeyPair nodeKeys = Ed25519Keys.generate();
        final ActrId id = ActrIds.parse(idText);
        return new Node(id, nodeKeys, issue(id, nodeKeys, nowSec() + 3600));
    }

    /**
     * @param id          the id.
     * @param nodeKeys    the node key pair to bind.
     * @param expiresAtSec expiry.
     * @return a credential signed with this issuer's key.
     */
    public AIdCredential issue(final ActrId id, final KeyPair nodeKeys, final long expiresAtSec)
    {
        return CredentialIssuer.issue(id, Ed25519Keys.toRaw(nodeKeys.getPublic()), expiresAtSec, KEY_ID,
            signingKeys.getPrivate());
    }

    /**
     * @param lane     lane name.
     * @param identity the node's identity.
     * @param counters where outcomes are counted.
     * @return an authenticator verifying with this issuer's ring and clock.
     */
    public PeerAuthenticator authenticator(
        final String lane, final LocalIdentity identity, final AuthRejectionCounters counters)
    {
        return new PeerAuthenticator(
            lane, identity, new CredentialVerifier(ring), clock, new SecureRandom(), counters);
    }

    /** A test node: id, key pair, credential. */
    public static final class Node
    {
        /** The node's id. */
        public final ActrId id;
        /** The node's key pair. */
        public final KeyPair keys;
        /** The node's credential. */
        public final AIdCredential credential;

        Node(final ActrId id, final KeyPair keys, final AIdCredential credential)
        {
            this.id = id;
            this.keys = keys;
            this.credential = credential;
        }

        /**
         * @return its identity for a lane.
         */
        public LocalIdentity identity()
        {
            return LocalIdentity.of(credential, keys);
        }
    }
}
