package dev.actr.lanes.signaling;

import com.google.protobuf.ByteString;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrToSignaling;
import dev.actr.codec.proto.CredentialRenewOk;
import dev.actr.codec.proto.GetSigningKeyRequest;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.Ping;
import dev.actr.codec.proto.Pong;
import dev.actr.codec.proto.RouteCandidatesOk;
import dev.actr.codec.proto.RouteCandidatesRequest;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.codec.proto.SignalingToActr;
import dev.actr.codec.proto.SigningKeyOk;
import dev.actr.codec.proto.WsAddressEntry;
import dev.actr.lanes.session.AuthRejection;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.session.PeerAuthException;
import dev.actr.lanes.session.SigningKeyRing;
import dev.actr.lanes.session.VerifiedPeer;

import java.io.IOException;
import java.security.PublicKey;
import java.util.function.BiConsumer;

/**
 * What the server does with each envelope: heartbeats, renewal, discovery, unregistration and signing key lookup
 * here; registration (with resume) in {@link SignalingRegistrar}, relays in {@link SignalingRelay}; what is shared
 * with other instances through the {@link SignalingBackplane}. Everything refused is answered
 * with an {@code envelope_error} naming why.
 *
 * <p>NOT thread safe: runs on the server's registry thread only.
 */
final class SignalingService
{
    private final SignalingServerContext ctx;
    private final SigningKeyStore keys;
    private final SignalingRegistry registry;
    private final CredentialVerifier verifier;
    private final SignalingServer.Counters counters;
    private final ResumeGuard resumeGuard;
    private final SignalingBackplane backplane;
    private final SignalingRelay relay;
    private final SignalingRegistrar registrar;
    private long envelopeCount;
    private long pongSeq;
    private boolean rotating;

    SignalingService(
        final SignalingServerContext ctx,
        final SigningKeyStore keys,
        final SignalingServer.Counters counters,
        final ResumeGuard resumeGuard,
        final SignalingBackplane backplane)
    {
        this.ctx = ctx;
        this.keys = keys;
        this.registry = new SignalingRegistry(keys.generation());
        this.verifier = new CredentialVerifier(keys.ring());
        this.counters = counters;
        this.resumeGuard = resumeGuard;
        this.backplane = backplane;
        this.relay = new SignalingRelay(this, registry, backplane, counters);
        this.registrar = new SignalingRegistrar(ctx, this, keys, registry, verifier, resumeGuard, backplane, counters);
        backplane.start(relay, registry);
    }

    int registeredCount()
    {
        return registry.size();
    }

    int serviceRegisteredCount()
    {
        return backplane.serviceRegisteredCount();
    }

    SigningKeyStore keys()
    {
        return keys;
    }

    void onEnvelope(final ServerConnection connection, final SignalingEnvelope envelope)
    {
        if (envelope.getEnvelopeVersion() != SignalingEnvelopes.VERSION)
        {
            error(connection, envelope, SignalingErrors.UNSUPPORTED_VERSION,
                "envelope_version " + envelope.getEnvelopeVersion() + ", this server speaks " +
                SignalingEnvelopes.VERSION);
            return;
        }
        switch (envelope.getFlowCase())
        {
            case PEER_TO_SERVER:
                onPeerToServer(connection, envelope, envelope.getPeerToServer());
                break;
            case ACTR_TO_SERVER:
                onActrToServer(connection, envelope, envelope.getActrToServer());
                break;
            case ACTR_RELAY:
                relay.onRelay(connection, envelope);
                break;
            default:
                error(connection, envelope, SignalingErrors.MALFORMED,
                    "flow " + envelope.getFlowCase() + " is not one a node sends");
        }
    }

    void onClosed(final ServerConnection connection)
    {
        connection.closed = true;
        unregister(connection);
    }

    private void unregister(final ServerConnection connection)
    {
        final Registration registration = connection.registration;
        if (registration != null)
        {
            connection.registration = null;
            if (registry.remove(registration))
            {
                counters.increment(SignalingCounter.UNREGISTRATIONS);
                backplane.onRemoved(registration);
            }
        }
    }

    /**
     * Expire silent nodes, rotate the signing key when due, forget old keys and resume proofs.
     */
    void sweep() throws IOException
    {
        final long nowMs = ctx.epochClock().time();
        for (final Registration expired : registry.expired(nowMs, 2 * ctx.heartbeatIntervalMs()))
        {
            registry.remove(expired);
            backplane.onRemoved(expired);
            expired.connection.registration = null;
            counters.increment(SignalingCounter.EXPIRED);
            expired.connection.send(SignalingEnvelopes.error(nextEnvelopeId(), null, SignalingErrors.EXPIRED,
                expired.idText + " sent no heartbeat for " + (nowMs - expired.lastSeenMs) + " ms: unregistered"));
            expired.connection.close();
        }
        final long nowSec = nowMs / 1000;
        if (ctx.keyRotationIntervalMs() > 0 && !rotating &&
            nowSec - keys.currentCreatedSec() >= ctx.keyRotationIntervalMs() / 1000)
        {
            rotateKey((keyId, failure) ->
            {
                if (failure != null)
                {
                    ctx.errorHandler().onError(failure);
                }
            });
        }
        backplane.sweep(nowMs, keys.prune(nowSec));
        resumeGuard.prune(nowMs);
    }

    /**
     * Rotate the signing key (one rotation at a time).
     *
     * @param onRotated gets the new key id or the failure, on the registry thread.
     */
    void rotateKey(final BiConsumer<Integer, Throwable> onRotated)
    {
        if (rotating)
        {
            onRotated.accept(null, new IllegalStateException("a signing key rotation is under way"));
            return;
        }
        rotating = true;
        backplane.rotateKey(keys, ctx.epochClock().time() / 1000, (keyId, failure) ->
        {
            rotating = false;
            if (failure == null)
            {
                counters.increment(SignalingCounter.KEY_ROTATIONS);
            }
            onRotated.accept(keyId, failure);
        });
    }

    void close()
    {
        backplane.close();
    }

    private void onPeerToServer(
        final ServerConnection connection, final SignalingEnvelope envelope, final PeerToSignaling message)
    {
        switch (message.getPayloadCase())
        {
            case REGISTER_REQUEST:
                registrar.register(connection, envelope, message.getRegisterRequest());
                break;
            case GET_SIGNING_KEY_REQUEST:
                signingKey(connection, envelope, message.getGetSigningKeyRequest());
                break;
            default:
                error(connection, envelope, SignalingErrors.MALFORMED, "peer_to_server carries no request");
        }
    }

    private void onActrToServer(
        final ServerConnection connection, final SignalingEnvelope envelope, final ActrToSignaling message)
    {
        final Registration source = authenticate(connection, envelope, message.getSource(),
            message.hasCredential() ? message.getCredential() : null);
        if (source == null)
        {
            return;
        }
        switch (message.getPayloadCase())
        {
            case PING:
                heartbeat(connection, envelope, source, message.getPing());
                break;
            case ROUTE_CANDIDATES_REQUEST:
                discover(connection, envelope, source, message.getRouteCandidatesRequest());
                break;
            case UNREGISTER_REQUEST:
                unregister(connection);
                break;
            case CREDENTIAL_RENEW_REQUEST:
                renew(connection, envelope, source);
                break;
            default:
                error(connection, envelope, SignalingErrors.MALFORMED, "actr_to_server carries no request");
        }
    }

    /**
     * The envelope's source must be the node registered on this connection, with a valid credential of its own.
     *
     * @return the source's registration (its heartbeat refreshed), or null after answering with an error.
     */
    Registration authenticate(
        final ServerConnection connection,
        final SignalingEnvelope envelope,
        final ActrId source,
        final AIdCredential credential)
    {
        final Registration registration = connection.registration;
        if (registration == null || !registration.id.equals(source))
        {
            error(connection, envelope, SignalingErrors.NOT_REGISTERED,
                "this connection is not registered as the envelope's source");
            return null;
        }
        if (credential == null)
        {
            error(connection, envelope, SignalingErrors.UNAUTHENTICATED, "no credential");
            return null;
        }
        final long nowMs = ctx.epochClock().time();
        if (registration.issuedAndValid(credential, nowMs / 1000))
        {
            registration.lastSeenMs = nowMs;
            return registration;
        }
        try
        {
            final VerifiedPeer verified = verifier.verify(
                credential, Integer.toUnsignedLong(source.getRealm().getRealmId()), nowMs / 1000, false);
            if (!verified.claims().getActorId().equals(registration.idText))
            {
                throw new PeerAuthException(AuthRejection.BAD_CLAIMS,
                    "credential of " + verified.claims().getActorId() + " presented by " + registration.idText);
            }
        }
        catch (final PeerAuthException ex)
        {
            error(connection, envelope, SignalingErrors.UNAUTHENTICATED, ex.getMessage());
            return null;
        }
        registration.lastSeenMs = nowMs;
        return registration;
    }

    private void renew(final ServerConnection connection, final SignalingEnvelope envelope, final Registration source)
    {
        final long expiresAtSec = expiresAtSec(ctx.epochClock().time());
        counters.increment(SignalingCounter.RENEWALS);
        final AIdCredential credential = issue(source, expiresAtSec);
        backplane.onRefreshed(source);
        reply(connection, envelope, SignalingToActr.newBuilder().setTarget(source.id)
            .setCredentialRenewOk(CredentialRenewOk.newBuilder()
                .setCredential(credential)
                .setCredentialExpiresAt(expiresAtSec)
                .setSigningPubkey(ByteString.copyFrom(keys.currentPublicKeyRaw()))
                .setSigningKeyId(keys.currentKeyId())));
    }

    private void heartbeat(
        final ServerConnection connection, final SignalingEnvelope envelope, final Registration source, final Ping ping)
    {
        source.powerReserve = ping.getPowerReserve();
        source.mailboxBacklog = ping.getMailboxBacklog();
        counters.increment(SignalingCounter.HEARTBEATS);
        backplane.onRefreshed(source);
        reply(connection, envelope, SignalingToActr.newBuilder().setTarget(source.id).setPong(Pong.newBuilder()
            .setSeq(++pongSeq)
            .setSuggestIntervalSecs((int)Math.max(1, (ctx.heartbeatIntervalMs() + 999) / 1000))));
    }

    private void discover(
        final ServerConnection connection,
        final SignalingEnvelope envelope,
        final Registration source,
        final RouteCandidatesRequest request)
    {
        final RouteCandidatesOk.Builder ok = RouteCandidatesOk.newBuilder();
        for (final Candidate candidate : backplane.candidates(source.id, request.getTargetType(),
            request.hasCriteria() ? request.getCriteria() : null, ctx.maxCandidates()))
        {
            ok.addCandidates(candidate.id());
            if (candidate.wsAddress() != null)
            {
                ok.addWsAddressMap(WsAddressEntry.newBuilder().setCandidateId(candidate.id())
                    .setWsAddress(candidate.wsAddress()));
            }
        }
        counters.increment(SignalingCounter.DISCOVERIES);
        reply(connection, envelope, SignalingToActr.newBuilder().setTarget(source.id).setRouteCandidatesOk(ok));
    }

    private void signingKey(
        final ServerConnection connection, final SignalingEnvelope envelope, final GetSigningKeyRequest request)
    {
        final int keyId = request.getKeyId();
        final PublicKey key = keys.publicKey(keyId, ctx.epochClock().time() / 1000);
        if (key != null)
        {
            signingKeyOk(connection, envelope, keyId, key, keys.validUntilSec(keyId));
            return;
        }
        backplane.lookupSigningKey(keyId, (found, validUntilSec) ->
        {
            if (found == null || validUntilSec < ctx.epochClock().time() / 1000)
            {
                error(connection, envelope, SignalingErrors.NOT_FOUND, "signing key " +
                    Integer.toUnsignedString(keyId) + " is unknown or past its overlap window");
            }
            else
            {
                signingKeyOk(connection, envelope, keyId, found, validUntilSec);
            }
        });
    }

    private void signingKeyOk(
        final ServerConnection connection,
        final SignalingEnvelope envelope,
        final int keyId,
        final PublicKey key,
        final long validUntilSec)
    {
        final SigningKeyOk.Builder ok = SigningKeyOk.newBuilder()
            .setKeyId(keyId)
            .setPublicKey(ByteString.copyFrom(Ed25519Keys.toRaw(key)));
        if (validUntilSec != SigningKeyRing.FOREVER)
        {
            ok.setValidUntil(validUntilSec);
        }
        final SignalingToActr.Builder answer = SignalingToActr.newBuilder().setSigningKeyOk(ok);
        if (connection.registration != null)
        {
            answer.setTarget(connection.registration.id);
        }
        reply(connection, envelope, answer);
    }

    AIdCredential issue(final Registration registration, final long expiresAtSec)
    {
        final AIdCredential credential = CredentialIssuer.issue(registration.id, registration.nodePublicKey,
            expiresAtSec, keys.currentKeyId(), keys.currentPrivateKey());
        registration.issued(credential, expiresAtSec);
        return credential;
    }

    long expiresAtSec(final long nowMs)
    {
        return Math.max(nowMs / 1000 + 1, (nowMs + ctx.credentialLifetimeMs()) / 1000);
    }

    void reply(final ServerConnection connection, final SignalingEnvelope request, final SignalingToActr.Builder body)
    {
        if (!connection.send(SignalingEnvelopes.envelope(nextEnvelopeId(), request.getEnvelopeId())
            .setServerToActr(body).build()))
        {
            connection.close();
        }
    }

    void error(
        final ServerConnection connection, final SignalingEnvelope request, final int code, final String message)
    {
        counters.increment(SignalingCounter.ENVELOPE_ERRORS);
        if (!connection.send(SignalingEnvelopes.error(nextEnvelopeId(),
            request == null || request.getEnvelopeId().isEmpty() ? null : request.getEnvelopeId(), code, message)))
        {
            connection.close();
        }
    }

    String nextEnvelopeId()
    {
        return "s" + ++envelopeCount;
    }
}
