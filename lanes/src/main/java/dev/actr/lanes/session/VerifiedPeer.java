package dev.actr.lanes.session;

import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.IdentityClaims;

import java.security.PublicKey;

/**
 * What a verified credential says: who, until when, and the node key it binds. Immutable.
 */
public final class VerifiedPeer
{
    private final ActrId id;
    private final IdentityClaims claims;
    private final AIdCredential credential;
    private final PublicKey nodePublicKey;

    VerifiedPeer(
        final ActrId id, final IdentityClaims claims, final AIdCredential credential, final PublicKey nodePublicKey)
    {
        this.id = id;
        this.claims = claims;
        this.credential = credential;
        this.nodePublicKey = nodePublicKey;
    }

    /**
     * @return the id named in the claims.
     */
    public ActrId id()
    {
        return id;
    }

    /**
     * @return the decoded claims.
     */
    public IdentityClaims claims()
    {
        return claims;
    }

    /**
     * @return the credential as presented.
     */
    public AIdCredential credential()
    {
        return credential;
    }

    /**
     * @return the node public key bound in the claims.
     */
    public PublicKey nodePublicKey()
    {
        return nodePublicKey;
    }

    /**
     * @return the claims' expiry, Unix epoch seconds.
     */
    public long expiresAtSec()
    {
        return claims.getExpiresAt();
    }

    @Override
    public String toString()
    {
        return "VerifiedPeer{" + claims.getActorId() + ", expiresAt=" + claims.getExpiresAt() + '}';
    }
}
