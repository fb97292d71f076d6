package dev.actr.lanes.session;

import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;

/**
 * The signaling service's public signing keys, by key id, as a verifier of credentials knows them. Any thread.
 */
public interface SigningKeyResolver
{
    /**
     * @param keyId        the credential's {@code key_id}.
     * @param nowEpochSec  the verifier's wall clock, in Unix epoch seconds.
     * @return the key, or {@code null} when the id is unknown or names a retired key whose overlap window ended
     * before {@code nowEpochSec}.
     */
    PublicKey signingKey(int keyId, long nowEpochSec);

    /**
     * Learn a key this resolver does not know yet (a peer's credential may be signed by a key newer than the
     * ones seen so far). The default knows no source and completes at once.
     *
     * @param keyId the key id.
     * @return completes when the lookup is over, found or not; never blocks the caller.
     */
    default CompletableFuture<Void> fetchSigningKey(final int keyId)
    {
        return CompletableFuture.completedFuture(null);
    }
}
