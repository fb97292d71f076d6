package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.PeerAuthException;
import dev.actr.lanes.session.VerifiedPeer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides whether a registration may keep the node's previous id: the previous credential verifies (a key this
 * server knows, unexpired, the request's realm), binds the same node key and names the same type, and the resume
 * signature ({@link ResumeProof}) is by that key, within the clock window, and not seen before. Anything less is a
 * fresh registration. Remembers at most {@value #MAX_PROOFS} proofs, each until its window ends.
 *
 * <p>NOT thread safe: the registry thread owns it.
 */
final class ResumeGuard
{
    static final int MAX_PROOFS = 4096;

    private final long windowMs;
    private final Map<ByteString, Long> seenUntilMs = new HashMap<>();

    ResumeGuard(final long windowMs)
    {
        this.windowMs = windowMs;
    }

    /**
     * Check a resume request without remembering its proof: {@link #claim} does that once the id is taken.
     *
     * @return the id to resume, or null for a fresh registration.
     */
    ActrId verify(
        final RegisterRequest request, final byte[] nodeKey, final CredentialVerifier verifier, final long nowMs)
    {
        if (!request.hasPreviousCredential() || nodeKey == null || !request.hasResumeAtMs() ||
            !request.hasResumeSignature() || Math.abs(nowMs - request.getResumeAtMs()) > windowMs)
        {
            return null;
        }
        final VerifiedPeer previous;
        try
        {
            previous = verifier.verify(request.getPreviousCredential(),
                Integer.toUnsignedLong(request.getRealm().getRealmId()), nowMs / 1000, true);
        }
        catch (final PeerAuthException ex)
        {
            return null;
        }
        final byte[] claims = request.getPreviousCredential().getClaims().toByteArray();
        final ByteString signature = request.getResumeSignature();
        if (!Arrays.equals(previous.claims().getNodePublicKey().toByteArray(), nodeKey) ||
            !ActrIds.format(previous.id().getType()).equals(ActrIds.format(request.getActrType())) ||
            !ResumeProof.verify(previous.nodePublicKey(), request.getResumeAtMs(), claims, signature.toByteArray()) ||
            seenUntilMs.containsKey(signature))
        {
            return null;
        }
        return ActrId.newBuilder()
            .setRealm(request.getRealm())
            .setSerialNumber(previous.id().getSerialNumber())
            .setType(request.getActrType())
            .build();
    }

    /**
     * Remember a verified request's proof so that it resumes once.
     *
     * @return false when the proof was used before, or too many are remembered (then the request registers fresh).
     */
    boolean claim(final RegisterRequest request, final long nowMs)
    {
        final ByteString signature = request.getResumeSignature();
        if (seenUntilMs.containsKey(signature))
        {
            return false;
        }
        if (seenUntilMs.size() >= MAX_PROOFS)
        {
            prune(nowMs);
            if (seenUntilMs.size() >= MAX_PROOFS)
            {
                return false;
            }
        }
        seenUntilMs.put(signature, request.getResumeAtMs() + windowMs);
        return true;
    }

    /**
     * @return how long a proof made at {@code resumeAtMs} could still be accepted.
     */
    long windowEndMs(final long resumeAtMs)
    {
        return resumeAtMs + windowMs;
    }

    void prune(final long nowMs)
    {
        seenUntilMs.values().removeIf(untilMs -> untilMs < nowMs);
    }
}
