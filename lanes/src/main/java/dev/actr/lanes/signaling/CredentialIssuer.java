package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.IdentityClaims;
import dev.actr.lanes.session.Ed25519Keys;

import java.security.PrivateKey;

/**
 * Makes {@code AIdCredential}s: encodes {@code IdentityClaims} (realm, actor id text, expiry, node public key) and
 * signs those exact bytes with a signing key. The signaling server issues every credential through it; a host that
 * issues credentials out of band (tests, a fixed deployment) can too.
 */
public final class CredentialIssuer
{
    private CredentialIssuer()
    {
    }

    /**
     * @param id            the actor the credential names.
     * @param nodePublicKey the node's raw 32-byte Ed25519 public key to bind, or {@code null} (an actr client that
     *                      sent none: such a credential cannot pass a peer session handshake).
     * @param expiresAtSec  Unix epoch seconds.
     * @param keyId         the signing key's id.
     * @param signingKey    the signing key.
     * @return the signed credential.
     */
    public static AIdCredential issue(
        final ActrId id,
        final byte[] nodePublicKey,
        final long expiresAtSec,
        final int keyId,
        final PrivateKey signingKey)
    {
        final IdentityClaims.Builder claims = IdentityClaims.newBuilder()
            .setRealmId(id.getRealm().getRealmId())
            .setActorId(ActrIds.format(id))
            .setExpiresAt(expiresAtSec);
        if (nodePublicKey != null)
        {
            claims.setNodePublicKey(ByteString.copyFrom(nodePublicKey));
        }
        final byte[] claimsBytes = claims.build().toByteArray();
        return AIdCredential.newBuilder()
            .setKeyId(keyId)
            .setClaims(ByteString.copyFrom(claimsBytes))
            .setSignature(ByteString.copyFrom(Ed25519Keys.sign(signingKey, claimsBytes)))
            .build();
    }
}
