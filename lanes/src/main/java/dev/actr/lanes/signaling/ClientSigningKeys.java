package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.proto.SigningKeyOk;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.session.SigningKeyRing;

import java.security.PublicKey;

/**
 * The signing keys a client has learnt: the server's current key from each registration and renewal, retired
 * keys (kept until the overlap the client can infer: the expiry of the first credential signed by their
 * successor), and keys looked up by id. Thread safe (the ring is); written on the client's event loop.
 */
final class ClientSigningKeys
{
    private final SigningKeyRing ring = new SigningKeyRing();
    private int currentKeyId = -1;

    SigningKeyRing ring()
    {
        return ring;
    }

    /**
     * The server named its current key; a different previous current key is retired until
     * {@code overlapUntilSec}.
     */
    void learnCurrent(final int keyId, final ByteString publicKey, final long overlapUntilSec)
    {
        final PublicKey key = Ed25519Keys.fromRaw(publicKey.toByteArray());
        if (key == null)
        {
            return;
        }
        if (currentKeyId != -1 && currentKeyId != keyId && ring.validUntil(currentKeyId) == SigningKeyRing.FOREVER)
        {
            ring.put(currentKeyId, ring.signingKey(currentKeyId, 0), overlapUntilSec);
        }
        ring.put(keyId, key, SigningKeyRing.FOREVER);
        currentKeyId = keyId;
    }

    /**
     * @return the key looked up, now in the ring, or null when it is malformed.
     */
    PublicKey learnLookedUp(final SigningKeyOk ok)
    {
        final PublicKey key = Ed25519Keys.fromRaw(ok.getPublicKey().toByteArray());
        if (key != null && ok.getKeyId() != currentKeyId)
        {
            ring.put(ok.getKeyId(), key, ok.hasValidUntil() ? ok.getValidUntil() : SigningKeyRing.FOREVER);
        }
        return key;
    }
}
