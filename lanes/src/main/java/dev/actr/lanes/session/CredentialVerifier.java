package dev.actr.lanes.session;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.CodecException;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.IdentityClaims;

import java.security.PublicKey;

/**
 * Checks an {@code AIdCredential}: a signing key the resolver knows (current, or retired within its overlap
 * window), a valid Ed25519 signature of the claims bytes exactly as carried, claims that decode and name a valid
 * actor id of the claims' realm, not expired, the expected realm, and (when asked) a node public key bound in the
 * claims. Thread safe; cold path.
 */
public final class CredentialVerifier
{
    /** Pass as the expected realm to accept any realm. */
    public static final long ANY_REALM = -1;

    private final SigningKeyResolver keys;

    /**
     * @param keys the signing keys to verify with.
     */
    public CredentialVerifier(final SigningKeyResolver keys)
    {
        this.keys = keys;
    }

    /**
     * @return the resolver this verifier uses.
     */
    public SigningKeyResolver keys()
    {
        return keys;
    }

    /**
     * @param keyId       a credential's key id.
     * @param nowEpochSec wall clock, Unix epoch seconds.
     * @return true when the key is known and within its window.
     */
    public boolean knowsKey(final int keyId, final long nowEpochSec)
    {
        return keys.signingKey(keyId, nowEpochSec) != null;
    }

    /**
     * @param credential     to check.
     * @param expectedRealm  the realm it must be of (an unsigned 32-bit realm id), or {@link #ANY_REALM}.
     * @param nowEpochSec    wall clock, Unix epoch seconds.
     * @param requireNodeKey whether the claims must bind a node public key.
     * @return what the credential says.
     * @throws PeerAuthException naming the first rule the credential breaks.
     */
    public VerifiedPeer verify(
        final AIdCredential credential, final long expectedRealm, final long nowEpochSec, final boolean requireNodeKey)
    {
        final PublicKey signingKey = keys.signingKey(credential.getKeyId(), nowEpochSec);
        if (signingKey == null)
        {
            throw new PeerAuthException(AuthRejection.UNKNOWN_SIGNING_KEY,
                "signing key " + Integer.toUnsignedString(credential.getKeyId()) + " is unknown or past its window");
        }
        final byte[] claimsBytes = credential.getClaims().toByteArray();
        if (!Ed25519Keys.verify(signingKey, claimsBytes, credential.getSignature().toByteArray()))
        {
            throw new PeerAuthException(AuthRejection.BAD_CREDENTIAL_SIGNATURE,
                "claims are not signed by signing key " + Integer.toUnsignedString(credential.getKeyId()));
        }
        final IdentityClaims claims = decodeClaims(claimsBytes);
        final ActrId id = actorId(claims);
        if (claims.getExpiresAt() <= nowEpochSec)
        {
            throw new PeerAuthException(AuthRejection.CREDENTIAL_EXPIRED,
                claims.getActorId() + " expired at " + Long.toUnsignedString(claims.getExpiresAt()) +
                " (now " + nowEpochSec + ")");
        }
        final long realm = Integer.toUnsignedLong(claims.getRealmId());
        if (expectedRealm != ANY_REALM && realm != expectedRealm)
        {
            throw new PeerAuthException(AuthRejection.WRONG_REALM,
                claims.getActorId() + " is of realm " + realm + ", expected " + expectedRealm);
        }
        PublicKey nodeKey = null;
        if (claims.hasNodePublicKey())
        {
            nodeKey = Ed25519Keys.fromRaw(claims.getNodePublicKey().toByteArray());
            if (nodeKey == null)
            {
                throw new PeerAuthException(AuthRejection.NO_NODE_KEY,
                    claims.getActorId() + " binds a malformed node public key");
            }
        }
        else if (requireNodeKey)
        {
            throw new PeerAuthException(AuthRejection.NO_NODE_KEY, claims.getActorId() + " binds no node public key");
        }
        return new VerifiedPeer(id, claims, credential, nodeKey);
    }

    /**
     * @param claimsBytes encoded {@code IdentityClaims}.
     * @return the claims.
     * @throws PeerAuthException {@link AuthRejection#BAD_CLAIMS} when they do not decode.
     */
    public static IdentityClaims decodeClaims(final byte[] claimsBytes)
    {
        try
        {
            return IdentityClaims.parseFrom(claimsBytes);
        }
        catch (final InvalidProtocolBufferException ex)
        {
            throw new PeerAuthException(AuthRejection.BAD_CLAIMS, "claims do not decode: " + ex.getMessage());
        }
    }

    private static ActrId actorId(final IdentityClaims claims)
    {
        final ActrId id;
        try
        {
            id = ActrIds.parse(claims.getActorId());
        }
        catch (final CodecException ex)
        {
            throw new PeerAuthException(AuthRejection.BAD_CLAIMS, "actor id: " + ex.getMessage());
        }
        if (id.getRealm().getRealmId() != claims.getRealmId())
        {
            throw new PeerAuthException(AuthRejection.BAD_CLAIMS,
                "actor id " + claims.getActorId() + " is not of the claims' realm " +
                Integer.toUnsignedString(claims.getRealmId()));
        }
        return id;
    }
}
