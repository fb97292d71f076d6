package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.ClusterRelay;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.SignalingEnvelope;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The backplane of a single signaling instance: nothing is shared. Serials come from the registry's per-realm
 * count (under the generation kept with the signing keys), discovery sees this instance's nodes, resume proofs are
 * remembered in memory, and no node is ever on another instance. Every callback runs before the method returns.
 *
 * <p>NOT thread safe: the registry thread owns it.
 */
final class LocalBackplane implements SignalingBackplane
{
    private final ResumeGuard resumeGuard;
    private final EpochClock clock;
    private SignalingRegistry registry;

    LocalBackplane(final ResumeGuard resumeGuard, final EpochClock clock)
    {
        this.resumeGuard = resumeGuard;
        this.clock = clock;
    }

    @Override
    public void start(final Listener listener, final SignalingRegistry registry)
    {
        this.registry = registry;
    }

    @Override
    public void allocate(final RegisterRequest request, final BiConsumer<ActrId, Throwable> onAllocated)
    {
        final ActrId id;
        try
        {
            id = registry.allocate(request.getRealm(), request.getActrType());
        }
        catch (final IllegalStateException ex)
        {
            onAllocated.accept(null, ex);
            return;
        }
        onAllocated.accept(id, null);
    }

    @Override
    public void claimResume(final RegisterRequest request, final Consumer<Boolean> onClaimed)
    {
        onClaimed.accept(resumeGuard.claim(request, clock.time()));
    }

    @Override
    public void onRegistered(final Registration registration, final boolean resumed)
    {
    }

    @Override
    public void onRefreshed(final Registration registration)
    {
    }

    @Override
    public void onRemoved(final Registration registration)
    {
    }

    @Override
    public List<? extends Candidate> candidates(
        final ActrId requester, final ActrType target, final NodeSelectionCriteria criteria, final int maxCandidates)
    {
        return registry.candidates(requester, target, criteria, maxCandidates);
    }

    @Override
    public Candidate locateRemote(final ActrId id)
    {
        return null;
    }

    @Override
    public boolean forward(final Candidate target, final SignalingEnvelope envelope, final String sourceEnvelopeId)
    {
        return false;
    }

    @Override
    public void refuse(final ClusterRelay relay, final int code, final String message)
    {
    }

    @Override
    public void lookupSigningKey(final int keyId, final BiConsumer<PublicKey, Long> onFound)
    {
        onFound.accept(null, null);
    }

    @Override
    public void rotateKey(final SigningKeyStore keys, final long nowSec, final BiConsumer<Integer, Throwable> onRotated)
    {
        try
        {
            keys.rotate(nowSec);
        }
        catch (final IOException | RuntimeException ex)
        {
            onRotated.accept(null, ex);
            return;
        }
        onRotated.accept(keys.currentKeyId(), null);
    }

    @Override
    public void sweep(final long nowMs, final List<Integer> prunedKeyIds)
    {
    }

    @Override
    public int serviceRegisteredCount()
    {
        return registry.size();
    }

    @Override
    public String instanceId()
    {
        return "local";
    }

    @Override
    public void close()
    {
    }
}
