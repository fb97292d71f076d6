package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.RegisterOk;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.codec.proto.SignalingToActr;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.Ed25519Keys;

/**
 * Registration (PROTOCOL.md 1.3, 1.4): checks the request, keeps the node's previous id when its resume proof
 * holds and is used for the first time (across the service), else takes a fresh id from the backplane, then lists
 * the node, signs its credential and answers. The id may come later (a cluster asks NATS): meanwhile the connection
 * is marked as registering, and a connection that closed by then is forgotten.
 *
 * <p>NOT thread safe: runs on the server's registry thread only.
 */
final class SignalingRegistrar
{
    private final SignalingServerContext ctx;
    private final SignalingService service;
    private final SigningKeyStore keys;
    private final SignalingRegistry registry;
    private final CredentialVerifier verifier;
    private final ResumeGuard resumeGuard;
    private final SignalingBackplane backplane;
    private final SignalingServer.Counters counters;

    SignalingRegistrar(
        final SignalingServerContext ctx,
        final SignalingService service,
        final SigningKeyStore keys,
        final SignalingRegistry registry,
        final CredentialVerifier verifier,
        final ResumeGuard resumeGuard,
        final SignalingBackplane backplane,
        final SignalingServer.Counters counters)
    {
        this.ctx = ctx;
        this.service = service;
        this.keys = keys;
        this.registry = registry;
        this.verifier = verifier;
        this.resumeGuard = resumeGuard;
        this.backplane = backplane;
        this.counters = counters;
    }

    void register(final ServerConnection connection, final SignalingEnvelope envelope, final RegisterRequest request)
    {
        if (connection.registration != null || connection.registering)
        {
            service.error(connection, envelope, SignalingErrors.ALREADY_REGISTERED, "this connection is registered as " +
                (connection.registration != null ? connection.registration.idText : "a node already (in progress)"));
            return;
        }
        byte[] nodeKey = null;
        if (request.hasNodePublicKey())
        {
            nodeKey = request.getNodePublicKey().toByteArray();
            if (Ed25519Keys.fromRaw(nodeKey) == null)
            {
                service.error(connection, envelope, SignalingErrors.MALFORMED, "node_public_key is not a 32-byte Ed25519 key");
                return;
            }
        }
        connection.registering = true;
        final byte[] key = nodeKey;
        final ActrId resumeId = resumeGuard.verify(request, nodeKey, verifier, ctx.epochClock().time());
        if (resumeId == null)
        {
            allocate(connection, envelope, request, key);
            return;
        }
        backplane.claimResume(request, claimed ->
        {
            if (claimed)
            {
                registered(connection, envelope, request, key, resumeId, true);
            }
            else
            {
                allocate(connection, envelope, request, key);
            }
        });
    }

    private void allocate(
        final ServerConnection connection, final SignalingEnvelope envelope, final RegisterRequest request,
        final byte[] nodeKey)
    {
        backplane.allocate(request, (id, failure) ->
        {
            if (failure != null)
            {
                connection.registering = false;
                ctx.errorHandler().onError(failure);
                if (!connection.closed)
                {
                    service.error(connection, envelope, SignalingErrors.INTERNAL, "no id could be allocated: " + failure);
                }
                return;
            }
            registered(connection, envelope, request, nodeKey, id, false);
        });
    }

    private void registered(
        final ServerConnection connection,
        final SignalingEnvelope envelope,
        final RegisterRequest request,
        final byte[] nodeKey,
        final ActrId id,
        final boolean resumed)
    {
        connection.registering = false;
        if (connection.closed)
        {
            return;
        }
        if (resumed)
        {
            final Registration previous = registry.get(id);
            if (previous != null)
            {
                registry.remove(previous);
                previous.connection.registration = null;
                previous.connection.close();
            }
        }
        final long nowMs = ctx.epochClock().time();
        final Registration registration = new Registration(
            id, connection, request.hasWsAddress() ? request.getWsAddress() : null, nodeKey, nowMs);
        registry.put(registration);
        connection.registration = registration;
        counters.increment(resumed ? SignalingCounter.RESUMES : SignalingCounter.REGISTRATIONS);

        final long expiresAtSec = service.expiresAtSec(nowMs);
        final long heartbeatMs = ctx.heartbeatIntervalMs();
        final RegisterOk ok = RegisterOk.newBuilder()
            .setActrId(id)
            .setCredential(service.issue(registration, expiresAtSec))
            .setCredentialExpiresAt(expiresAtSec)
            .setSignalingHeartbeatIntervalSecs((int)Math.max(1, (heartbeatMs + 999) / 1000))
            .setSignalingHeartbeatIntervalMs((int)Math.min(Integer.MAX_VALUE, heartbeatMs))
            .setSigningPubkey(ByteString.copyFrom(keys.currentPublicKeyRaw()))
            .setSigningKeyId(keys.currentKeyId())
            .setResumed(resumed)
            .build();
        registration.lastSeenMs = ctx.epochClock().time();
        backplane.onRegistered(registration, resumed);
        service.reply(connection, envelope, SignalingToActr.newBuilder().setTarget(id).setRegisterOk(ok));
    }
}
