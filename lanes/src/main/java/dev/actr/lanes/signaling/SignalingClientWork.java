package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrToSignaling;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.Realm;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.codec.proto.SignalingToActr;
import dev.actr.codec.proto.UnregisterRequest;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The signaling client's requests and timers, on its event loop: registration (with a resume proof when a
 * credential is still valid), the heartbeat, renewal half-way through each credential's life, discovery with its
 * cache, and requests that wait for the registration.
 *
 * <p>NOT thread safe: the client's event loop owns it.
 */
final class SignalingClientWork
{
    private static final long MIN_RENEW_DELAY_MS = 100;

    private final SignalingClient client;
    private final SignalingClientContext ctx;
    private final EventLoop loop;
    private final PendingRequests requests;
    private final DiscoveryCache cache;
    private final ArrayDeque<Runnable> awaitingRegistration = new ArrayDeque<>();
    private final Map<ActrType, CompletableFuture<DiscoveryResult>> discoveriesInFlight = new HashMap<>();
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> renewal;
    private boolean unregistered;

    SignalingClientWork(
        final SignalingClient client, final SignalingClientContext ctx, final EventLoop loop,
        final PendingRequests requests)
    {
        this.client = client;
        this.ctx = ctx;
        this.loop = loop;
        this.requests = requests;
        this.cache = new DiscoveryCache(ctx.discoveryCacheTtlMs(), ctx.discoveryCacheCapacity());
    }

    void register(final SignalingRegistration previous, final byte[] nodePublicKey)
    {
        if (unregistered)
        {
            return;
        }
        final RegisterRequest.Builder request = RegisterRequest.newBuilder()
            .setActrType(ctx.actrType())
            .setRealm(Realm.newBuilder().setRealmId(ctx.realmId()))
            .setNodePublicKey(ByteString.copyFrom(nodePublicKey));
        if (client.advertisedWsAddress() != null)
        {
            request.setWsAddress(client.advertisedWsAddress());
        }
        if (ctx.serviceSpec() != null)
        {
            request.setServiceSpec(ctx.serviceSpec());
        }
        final long nowMs = ctx.epochClock().time();
        if (previous != null && previous.credentialExpiresAtSec() > nowMs / 1000)
        {
            request.setPreviousCredential(previous.credential())
                .setResumeAtMs(nowMs)
                .setResumeSignature(ByteString.copyFrom(ResumeProof.sign(client.nodePrivateKey(), nowMs,
                    previous.credential().getClaims().toByteArray())));
        }
        final CompletableFuture<Void> done = new CompletableFuture<>();
        request(done, "register", client.peerToServer(PeerToSignaling.newBuilder().setRegisterRequest(request)),
            answer ->
            {
                if (!answer.getServerToActr().hasRegisterOk())
                {
                    throw new SignalingException(SignalingErrors.MALFORMED, "register answered without register_ok");
                }
                client.onRegistered(answer.getServerToActr().getRegisterOk());
                done.complete(null);
            });
        done.whenComplete((ignored, failure) ->
        {
            if (failure != null)
            {
                ctx.errorHandler().onError(failure);
                client.closeChannel();
            }
        });
    }

    void onRegistered(final SignalingRegistration registration)
    {
        cache.clear();
        cancelTimers();
        final long intervalMs = registration.heartbeatIntervalMs();
        heartbeat = loop.scheduleAtFixedRate(this::beat, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        scheduleRenewal(registration);
        while (!awaitingRegistration.isEmpty())
        {
            awaitingRegistration.poll().run();
        }
    }

    void onDisconnected()
    {
        cancelTimers();
    }

    void close()
    {
        cancelTimers();
        awaitingRegistration.clear();
    }

    private void beat()
    {
        if (!client.isRegistered())
        {
            return;
        }
        final CompletableFuture<SignalingEnvelope> pong =
            send(client.actrToServer(SignalingEnvelopes.ping()), 2 * client.registration().heartbeatIntervalMs());
        if (pong != null)
        {
            pong.whenComplete((answer, failure) ->
            {
                if (failure != null)
                {
                    client.closeChannel();
                }
            });
        }
    }

    private void scheduleRenewal(final SignalingRegistration registration)
    {
        final long remainingMs = registration.credentialExpiresAtSec() * 1000 - ctx.epochClock().time();
        renewal = loop.schedule(() -> renew(null), Math.max(MIN_RENEW_DELAY_MS, remainingMs / 2), TimeUnit.MILLISECONDS);
    }

    void renew(final CompletableFuture<SignalingRegistration> result)
    {
        final CompletableFuture<SignalingRegistration> outcome = result == null ? new CompletableFuture<>() : result;
        whenRegistered(outcome, () -> request(outcome, "renew", client.actrToServer(SignalingEnvelopes.renewRequest()),
            answer ->
            {
                final SignalingToActr body = answer.getServerToActr();
                if (!body.hasCredentialRenewOk())
                {
                    throw new SignalingException(SignalingErrors.MALFORMED, "renew answered without credential_renew_ok");
                }
                client.onRenewed(body.getCredentialRenewOk());
                if (renewal != null)
                {
                    renewal.cancel(false);
                }
                scheduleRenewal(client.registration());
                outcome.complete(client.registration());
            }));
        if (result == null)
        {
            outcome.whenComplete((renewed, failure) ->
            {
                if (failure != null && client.isRegistered())
                {
                    retryRenewal();
                }
            });
        }
    }

    private void retryRenewal()
    {
        final long remainingMs = client.registration().credentialExpiresAtSec() * 1000 - ctx.epochClock().time();
        if (remainingMs <= 0)
        {
            client.closeChannel();
            return;
        }
        renewal = loop.schedule(() -> renew(null), Math.max(MIN_RENEW_DELAY_MS, remainingMs / 4), TimeUnit.MILLISECONDS);
    }

    void discover(
        final ActrType type, final NodeSelectionCriteria criteria, final CompletableFuture<DiscoveryResult> result)
    {
        if (criteria == null)
        {
            final DiscoveryResult cached = cache.answer(type, ctx.epochClock().time());
            if (cached != null)
            {
                result.complete(cached);
                return;
            }
            final CompletableFuture<DiscoveryResult> inFlight = discoveriesInFlight.get(type);
            if (inFlight != null)
            {
                inFlight.whenComplete((answer, failure) -> complete(result, answer, failure));
                return;
            }
            discoveriesInFlight.put(type, result);
            result.whenComplete((answer, failure) -> discoveriesInFlight.remove(type, result));
        }
        whenRegistered(result, () -> request(result, "discover",
            client.actrToServer(SignalingEnvelopes.discoveryRequest(type, criteria)), answer ->
            {
                final SignalingToActr body = answer.getServerToActr();
                if (!body.hasRouteCandidatesOk())
                {
                    throw new SignalingException(SignalingErrors.MALFORMED, "discovery answered without candidates");
                }
                final DiscoveryResult found = new DiscoveryResult(body.getRouteCandidatesOk());
                if (criteria == null)
                {
                    cache.put(type, found, ctx.epochClock().time());
                }
                result.complete(found);
            }));
    }

    void wsAddress(final ActrId peer, final CompletableFuture<String> result)
    {
        final String cached = cache.address(peer, ctx.epochClock().time());
        if (cached != null)
        {
            result.complete(cached);
            return;
        }
        final CompletableFuture<DiscoveryResult> found = new CompletableFuture<>();
        discover(peer.getType(), null, found);
        found.whenComplete((answer, failure) -> complete(result, answer == null ? null : answer.wsAddress(peer), failure));
    }

    void unregister(final CompletableFuture<Void> result)
    {
        unregistered = true;
        cancelTimers();
        final Channel channel = client.channel();
        if (channel == null || !client.isRegistered())
        {
            result.complete(null);
            return;
        }
        channel.writeAndFlush(SignalingEnvelopes.frame(channel.alloc(), client.actrToServer(ActrToSignaling.newBuilder()
            .setUnregisterRequest(UnregisterRequest.newBuilder().setReason("unregister")))))
            .addListener(future -> result.complete(null));
    }

    /**
     * Send a request and hand its answer to {@code onAnswer}; any failure (timeout, server error, lost connection,
     * an answer {@code onAnswer} rejects by throwing) fails {@code result}.
     */
    void request(
        final CompletableFuture<?> result,
        final String what,
        final SignalingEnvelope envelope,
        final Consumer<SignalingEnvelope> onAnswer)
    {
        final CompletableFuture<SignalingEnvelope> answer = send(envelope, ctx.requestTimeoutMs());
        if (answer == null)
        {
            result.completeExceptionally(new SignalingException(SignalingException.TOO_MANY_REQUESTS,
                what + ": " + ctx.maxPendingRequests() + " requests wait already, or not connected"));
            return;
        }
        answer.whenComplete((reply, failure) ->
        {
            if (failure != null)
            {
                result.completeExceptionally(failure);
                return;
            }
            try
            {
                onAnswer.accept(reply);
            }
            catch (final RuntimeException ex)
            {
                result.completeExceptionally(ex);
            }
        });
    }

    private CompletableFuture<SignalingEnvelope> send(final SignalingEnvelope envelope, final long timeoutMs)
    {
        final Channel channel = client.channel();
        if (channel == null)
        {
            return null;
        }
        final CompletableFuture<SignalingEnvelope> answer = requests.add(envelope.getEnvelopeId(), timeoutMs);
        if (answer != null)
        {
            channel.writeAndFlush(SignalingEnvelopes.frame(channel.alloc(), envelope), channel.voidPromise());
        }
        return answer;
    }

    private void whenRegistered(final CompletableFuture<?> result, final Runnable task)
    {
        if (client.isRegistered())
        {
            task.run();
            return;
        }
        if (awaitingRegistration.size() >= ctx.maxPendingRequests())
        {
            result.completeExceptionally(new SignalingException(SignalingException.TOO_MANY_REQUESTS,
                ctx.maxPendingRequests() + " requests wait for the registration already"));
            return;
        }
        awaitingRegistration.add(() ->
        {
            if (!result.isDone())
            {
                task.run();
            }
        });
        loop.schedule(() -> result.completeExceptionally(new SignalingException(SignalingException.TIMED_OUT,
            "not registered with signaling within " + ctx.requestTimeoutMs() + " ms")),
            ctx.requestTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    private void cancelTimers()
    {
        if (heartbeat != null)
        {
            heartbeat.cancel(false);
            heartbeat = null;
        }
        if (renewal != null)
        {
            renewal.cancel(false);
            renewal = null;
        }
    }

    private static <T> void complete(final CompletableFuture<T> result, final T value, final Throwable failure)
    {
        if (failure != null)
        {
            result.completeExceptionally(failure);
        }
        else
        {
            result.complete(value);
        }
    }
}
