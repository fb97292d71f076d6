package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.ClusterRelay;
import dev.actr.codec.proto.ClusterRelayRefusal;
import dev.actr.codec.proto.RoleAssignment;
import dev.actr.codec.proto.SignalingEnvelope;

/**
 * Relays {@code ActrRelay} envelopes (SDP, ICE candidates, ICE restarts) from a registered, authenticated source
 * to a target registered in the same realm, unchanged (the target can check the source's credential itself). A
 * target whose connection is back-pressured is not queued for: the source gets {@code UNAVAILABLE}. A
 * {@code role_negotiation} is answered by the server: both peers get a {@code role_assignment}, the offerer being
 * the one with the lower serial (then the lower id text), so two peers that negotiate at once agree.
 *
 * <p>In a cluster, a target connected to another instance is reached through the backplane: the envelope goes to
 * that instance, which delivers it or sends back a refusal that this instance answers the source with. This class
 * also hears the backplane's events ({@link SignalingBackplane.Listener}).
 *
 * <p>NOT thread safe: runs on the server's registry thread only.
 */
final class SignalingRelay implements SignalingBackplane.Listener
{
    private final SignalingService service;
    private final SignalingRegistry registry;
    private final SignalingBackplane backplane;
    private final SignalingServer.Counters counters;

    SignalingRelay(
        final SignalingService service,
        final SignalingRegistry registry,
        final SignalingBackplane backplane,
        final SignalingServer.Counters counters)
    {
        this.service = service;
        this.registry = registry;
        this.backplane = backplane;
        this.counters = counters;
    }

    void onRelay(final ServerConnection connection, final SignalingEnvelope envelope)
    {
        final ActrRelay relay = envelope.getActrRelay();
        final Registration source = service.authenticate(
            connection, envelope, relay.getSource(), relay.hasCredential() ? relay.getCredential() : null);
        if (source == null)
        {
            return;
        }
        final Registration local = registry.get(relay.getTarget());
        final Candidate target = local != null ? local : backplane.locateRemote(relay.getTarget());
        if (target == null || target.id().getRealm().getRealmId() != source.id.getRealm().getRealmId())
        {
            service.error(connection, envelope, SignalingErrors.NOT_FOUND,
                "relay target " + ActrIds.format(relay.getTarget()) + " is not registered");
            return;
        }
        switch (relay.getPayloadCase())
        {
            case PAYLOAD_NOT_SET:
                service.error(connection, envelope, SignalingErrors.MALFORMED, "relay carries no payload");
                break;
            case ROLE_ASSIGNMENT:
                service.error(connection, envelope, SignalingErrors.MALFORMED, "role assignments come from the server");
                break;
            case ROLE_NEGOTIATION:
                assignRoles(connection, envelope, source, target);
                break;
            default:
                if (send(target, envelope, envelope.getEnvelopeId()))
                {
                    counters.increment(SignalingCounter.RELAYS);
                }
                else
                {
                    unavailable(connection, envelope, target);
                }
        }
    }

    private boolean send(final Candidate target, final SignalingEnvelope envelope, final String sourceEnvelopeId)
    {
        if (target instanceof Registration)
        {
            return ((Registration)target).connection.send(envelope);
        }
        return backplane.forward(target, envelope, sourceEnvelopeId);
    }

    private void unavailable(
        final ServerConnection connection, final SignalingEnvelope envelope, final Candidate target)
    {
        service.error(connection, envelope, SignalingErrors.UNAVAILABLE, "relay target " +
            ActrIds.format(target.id()) + (target instanceof Registration ?
            " is not reading (its connection is back-pressured)" : " is on an instance that cannot be reached"));
    }

    private void assignRoles(
        final ServerConnection connection,
        final SignalingEnvelope envelope,
        final Registration source,
        final Candidate target)
    {
        final boolean sourceOffers = compare(source.id, target.id()) < 0;
        final SignalingEnvelope toTarget = SignalingEnvelopes.envelope(service.nextEnvelopeId(), null)
            .setActrRelay(assignment(source.id, target.id(), !sourceOffers)).build();
        if (!send(target, toTarget, envelope.getEnvelopeId()))
        {
            unavailable(connection, envelope, target);
            return;
        }
        final SignalingEnvelope toSource = SignalingEnvelopes.envelope(service.nextEnvelopeId(), envelope.getEnvelopeId())
            .setActrRelay(assignment(target.id(), source.id, sourceOffers)).build();
        if (!connection.send(toSource))
        {
            connection.close();
        }
        counters.increment(SignalingCounter.ROLE_ASSIGNMENTS);
        counters.increment(SignalingCounter.ROLE_ASSIGNMENTS);
    }

    @Override
    public void onRemoteRelay(final ClusterRelay relay)
    {
        if (relay.hasRefusal())
        {
            final ClusterRelayRefusal refusal = relay.getRefusal();
            final Registration source = registry.get(refusal.getSource());
            if (source != null)
            {
                service.error(source.connection, SignalingEnvelopes.envelope(relay.getSourceEnvelopeId(), null).build(),
                    refusal.getCode(), refusal.getMessage());
            }
            return;
        }
        if (!relay.hasEnvelope() || !relay.getEnvelope().hasActrRelay())
        {
            return;
        }
        final SignalingEnvelope envelope = relay.getEnvelope();
        final Registration target = registry.get(envelope.getActrRelay().getTarget());
        if (target == null)
        {
            backplane.refuse(relay, SignalingErrors.NOT_FOUND, "relay target " +
                ActrIds.format(envelope.getActrRelay().getTarget()) + " is not registered");
        }
        else if (!target.connection.send(envelope))
        {
            backplane.refuse(relay, SignalingErrors.UNAVAILABLE,
                "relay target " + target.idText + " is not reading (its connection is back-pressured)");
        }
        else
        {
            counters.increment(SignalingCounter.RELAYS);
        }
    }

    @Override
    public void onMovedAway(final ActrId id, final long revision)
    {
        final Registration local = registry.get(id);
        if (local != null && local.revision != 0 && local.revision < revision)
        {
            registry.remove(local);
            local.connection.registration = null;
            local.connection.close();
            counters.increment(SignalingCounter.MOVED_AWAY);
        }
    }

    private static ActrRelay.Builder assignment(final ActrId peer, final ActrId to, final boolean offerer)
    {
        return ActrRelay.newBuilder().setSource(peer).setTarget(to)
            .setRoleAssignment(RoleAssignment.newBuilder().setIsOfferer(offerer));
    }

    private static int compare(final ActrId a, final ActrId b)
    {
        final int bySerial = Long.compareUnsigned(a.getSerialNumber(), b.getSerialNumber());
        return bySerial != 0 ? bySerial : ActrIds.format(a).compareTo(ActrIds.format(b));
    }
}
