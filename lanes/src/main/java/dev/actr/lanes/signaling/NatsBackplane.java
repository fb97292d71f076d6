package dev.actr.lanes.signaling;

import dev.actr.codec.ActrException;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.ClusterPresence;
import dev.actr.codec.proto.ClusterRelay;
import dev.actr.codec.proto.ClusterRelayRefusal;
import dev.actr.codec.proto.ClusterSigningKey;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.lanes.session.Ed25519Keys;
import io.nats.client.impl.NatsKeyValueWatchSubscription;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The backplane of a signaling cluster on NATS JetStream ({@link ClusterNames} lists buckets, keys and subjects).
 * Serials come from a compare-and-set counter per realm; registrations are written to the registry bucket at
 * registration and each heartbeat (the bucket's max age expires them when the writes stop) and watched into a
 * {@link ClusterDirectory} that discovery reads, so any instance answers for the whole realm; relays to a node on
 * another instance go to that instance's subject; presence events tell every instance who came up or went down;
 * resume proofs are claimed once in the resume bucket; signing keys are shared by {@link ClusterSigningKeys}.
 *
 * <p>Threading: the blocking JetStream calls run on one worker thread, in the order they were asked for (so a
 * node's writes never overtake each other); their results, watch events and NATS messages are handed to the
 * registry thread, which owns every other piece of state here.
 */
final class NatsBackplane implements SignalingBackplane
{
    private static final long START_TIMEOUT_MS = 30_000;

    private final SignalingServerContext ctx;
    private final ClusterStore store;
    private final ClusterNames names;
    private final SigningKeyStore keys;
    private final ClusterSigningKeys signingKeys;
    private final ResumeGuard resumeGuard;
    private final Executor registryThread;
    private final SignalingServer.Counters counters;
    private final ClusterWorker worker;
    private final ClusterBus bus;
    private final ClusterDirectory directory;
    private final long keyRefreshMs;
    private Listener listener;
    private SignalingRegistry registry;
    private NatsKeyValueWatchSubscription registryWatch;
    private NatsKeyValueWatchSubscription keyWatch;
    private long nextKeyRefreshMs;
    private volatile boolean closed;

    NatsBackplane(
        final SignalingServerContext ctx,
        final ClusterStore store,
        final SigningKeyStore keys,
        final ResumeGuard resumeGuard,
        final Executor registryThread,
        final SignalingServer.Counters counters)
    {
        this.ctx = ctx;
        this.store = store;
        this.names = store.names;
        this.keys = keys;
        this.keyRefreshMs = Math.max(1_000, Math.min(60_000, ctx.credentialLifetimeMs() / 4));
        this.signingKeys = new ClusterSigningKeys(store, keys, ctx.credentialLifetimeMs(), keyRefreshMs);
        this.resumeGuard = resumeGuard;
        this.registryThread = registryThread;
        this.counters = counters;
        this.worker = new ClusterWorker(ctx.threadFactory(), this::onWorkerError);
        this.bus = new ClusterBus(store.connection, store.names);
        this.directory = new ClusterDirectory(2 * ctx.heartbeatIntervalMs());
    }

    /**
     * At launch, before the server serves: settle and publish this instance's signing keys.
     */
    void adoptKeys()
    {
        try
        {
            signingKeys.adopt(ctx.epochClock().time() / 1000);
        }
        catch (final Exception ex)
        {
            throw new ActrException(ActrException.Category.FATAL,
                "signaling cannot publish its signing keys to the cluster: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void start(final Listener listener, final SignalingRegistry registry)
    {
        this.listener = listener;
        this.registry = registry;
        bus.start(new ClusterBus.Handler()
        {
            @Override
            public void onRelay(final ClusterRelay relay)
            {
                registryThread.execute(() -> listener.onRemoteRelay(relay));
            }

            @Override
            public void onPresence(final ClusterPresence presence)
            {
                registryThread.execute(() -> NatsBackplane.this.onPresence(presence));
            }

            @Override
            public void onMalformed(final Exception failure)
            {
                onWorkerError(failure);
            }
        });
        try
        {
            keyWatch = ClusterStore.watch(store.keys, signingKeys::onWatched, registryThread, START_TIMEOUT_MS);
            registryWatch = ClusterStore.watch(store.registry, directory::onWatched, registryThread, START_TIMEOUT_MS);
        }
        catch (final Exception ex)
        {
            throw new ActrException(ActrException.Category.FATAL,
                "signaling cannot watch the cluster's buckets: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void allocate(final RegisterRequest request, final BiConsumer<ActrId, Throwable> onAllocated)
    {
        final long nowSec = ctx.epochClock().time() / 1000;
        worker.run(() ->
        {
            final long serial = store.nextSerial(request.getRealm().getRealmId(), nowSec);
            final ActrId id = ActrId.newBuilder().setRealm(request.getRealm()).setSerialNumber(serial)
                .setType(request.getActrType()).build();
            registryThread.execute(() -> onAllocated.accept(id, null));
        }, failure -> registryThread.execute(() -> onAllocated.accept(null, failure)));
    }

    @Override
    public void claimResume(final RegisterRequest request, final Consumer<Boolean> onClaimed)
    {
        if (!resumeGuard.claim(request, ctx.epochClock().time()))
        {
            onClaimed.accept(false);
            return;
        }
        final String proofKey = proofKey(request.getResumeSignature().toByteArray());
        worker.run(() ->
        {
            final boolean claimed = store.claimResume(proofKey);
            registryThread.execute(() -> onClaimed.accept(claimed));
        }, failure -> registryThread.execute(() -> onClaimed.accept(false)));
    }

    @Override
    public void onRegistered(final Registration registration, final boolean resumed)
    {
        final String key = ClusterNames.registryKey(registration.id);
        final byte[] value = ClusterEntry.encode(registration, names.instanceId);
        worker.run(() ->
        {
            final long revision = store.putRegistration(key, value);
            bus.presence(ClusterPresence.Kind.UP, registration.id, revision);
            registryThread.execute(() -> registration.revision = revision);
        }, null);
    }

    @Override
    public void onRefreshed(final Registration registration)
    {
        final String key = ClusterNames.registryKey(registration.id);
        final byte[] value = ClusterEntry.encode(registration, names.instanceId);
        worker.run(() ->
        {
            final long revision = store.refreshRegistration(key, value);
            registryThread.execute(() ->
            {
                if (revision > 0)
                {
                    registration.revision = revision;
                }
                else
                {
                    listener.onMovedAway(registration.id, -revision);
                }
            });
        }, null);
    }

    @Override
    public void onRemoved(final Registration registration)
    {
        final String key = ClusterNames.registryKey(registration.id);
        worker.run(() ->
        {
            store.deleteRegistration(key);
            bus.presence(ClusterPresence.Kind.DOWN, registration.id, 0);
        }, null);
    }

    @Override
    public List<? extends Candidate> candidates(
        final ActrId requester, final ActrType target, final NodeSelectionCriteria criteria, final int maxCandidates)
    {
        final List<Candidate> all = new ArrayList<>(registry.all());
        all.addAll(directory.others(registry, names.instanceId, ctx.epochClock().time()));
        return CandidateSelection.select(all, requester, target, criteria, maxCandidates);
    }

    @Override
    public Candidate locateRemote(final ActrId id)
    {
        final ClusterEntry entry = directory.get(ClusterNames.registryKey(id), ctx.epochClock().time());
        return entry != null && entry.id().equals(id) && !names.instanceId.equals(entry.instanceId()) ? entry : null;
    }

    @Override
    public boolean forward(final Candidate target, final SignalingEnvelope envelope, final String sourceEnvelopeId)
    {
        if (!bus.connected())
        {
            return false;
        }
        bus.relay(target.id().getRealm().getRealmId(), ((ClusterEntry)target).instanceId(), ClusterRelay.newBuilder()
            .setOriginInstance(names.instanceId).setEnvelope(envelope).setSourceEnvelopeId(sourceEnvelopeId).build());
        return true;
    }

    @Override
    public void refuse(final ClusterRelay relay, final int code, final String message)
    {
        final dev.actr.codec.proto.ActrRelay refused = relay.getEnvelope().getActrRelay();
        final ClusterRelay refusal = ClusterRelay.newBuilder().setOriginInstance(names.instanceId)
            .setSourceEnvelopeId(relay.getSourceEnvelopeId())
            .setRefusal(ClusterRelayRefusal.newBuilder().setSource(refused.getSource()).setTarget(refused.getTarget())
                .setReplyFor(relay.getSourceEnvelopeId()).setCode(code).setMessage(message))
            .build();
        bus.relay(refused.getSource().getRealm().getRealmId(), relay.getOriginInstance(), refusal);
    }

    @Override
    public void lookupSigningKey(final int keyId, final BiConsumer<PublicKey, Long> onFound)
    {
        worker.run(() ->
        {
            final ClusterSigningKey record = signingKeys.lookup(keyId);
            final PublicKey key = record == null ? null : Ed25519Keys.fromRaw(record.getPublicKey().toByteArray());
            registryThread.execute(() ->
            {
                if (key == null || keys.owns(keyId))
                {
                    onFound.accept(null, null);
                    return;
                }
                keys.ring().put(keyId, key, record.getValidUntil());
                onFound.accept(key, record.getValidUntil());
            });
        }, failure -> registryThread.execute(() -> onFound.accept(null, null)));
    }

    @Override
    public void rotateKey(final SigningKeyStore keys, final long nowSec, final BiConsumer<Integer, Throwable> onRotated)
    {
        final int localMax = keys.maxKeyId();
        final Consumer<Throwable> failed = failure -> registryThread.execute(() -> onRotated.accept(null, failure));
        worker.run(() ->
        {
            final int next = store.nextKeyId(localMax);
            registryThread.execute(() ->
            {
                final int previous = keys.currentKeyId();
                try
                {
                    keys.rotate(nowSec, next);
                }
                catch (final Exception ex)
                {
                    onRotated.accept(null, ex);
                    return;
                }
                final ClusterSigningKey current = signingKeys.record(next, nowSec);
                final ClusterSigningKey retired = signingKeys.record(previous, nowSec);
                worker.run(() ->
                {
                    signingKeys.publish(current);
                    signingKeys.publish(retired);
                    registryThread.execute(() -> onRotated.accept(next, null));
                }, failed);
            });
        }, failed);
    }

    @Override
    public void sweep(final long nowMs, final List<Integer> prunedKeyIds)
    {
        directory.expire(nowMs);
        final long nowSec = nowMs / 1000;
        keys.ring().pruneExpired(nowSec);
        for (final int keyId : prunedKeyIds)
        {
            worker.run(() -> signingKeys.delete(keyId), null);
        }
        if (nowMs >= nextKeyRefreshMs)
        {
            nextKeyRefreshMs = nowMs + keyRefreshMs;
            final ClusterSigningKey current = signingKeys.record(keys.currentKeyId(), nowSec);
            worker.run(() ->
            {
                signingKeys.publish(current);
                signingKeys.pruneOthers(nowSec);
            }, null);
        }
    }

    @Override
    public int serviceRegisteredCount()
    {
        return registry.size() + directory.others(registry, names.instanceId, ctx.epochClock().time()).size();
    }

    @Override
    public String instanceId()
    {
        return names.instanceId;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (registryWatch != null)
        {
            registryWatch.unsubscribe();
        }
        if (keyWatch != null)
        {
            keyWatch.unsubscribe();
        }
        bus.close();
        worker.close();
        store.close();
    }

    private void onPresence(final ClusterPresence presence)
    {
        if (presence.getKind() == ClusterPresence.Kind.UP)
        {
            listener.onMovedAway(presence.getId(), presence.getRevision());
        }
        else
        {
            directory.onDown(ClusterNames.registryKey(presence.getId()), presence.getInstanceId());
        }
    }

    private void onWorkerError(final Throwable failure)
    {
        if (!closed)
        {
            counters.increment(SignalingCounter.BACKPLANE_ERRORS);
            ctx.errorHandler().onError(failure);
        }
    }

    static String proofKey(final byte[] signature)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signature));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
