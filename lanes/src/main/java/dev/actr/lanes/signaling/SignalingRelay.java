package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.RoleAssignment;
import dev.actr.codec.proto.SignalingEnvelope;

/**
 * Relays {@code ActrRelay} envelopes (SDP, ICE candidates, ICE restarts) from a registered, authenticated source
 * to a target registered in the same realm, unchanged (the target can check the source's credential itself). A
 * target whose connection is back-pressured is not queued for: the source gets {@code UNAVAILABLE}. A
 * {@code role_negotiation} is answered by the server: both peers get a {@code role_assignment}, the offerer being
 * the one with the lower serial (then the lower id text), so two peers that negotiate at once agree.
 *
 * <p>NOT thread safe: runs on the server's registry thread only.
 */
final class SignalingRelay
{
    private final SignalingService service;
    private final SignalingRegistry registry;
    private final SignalingServer.Counters counters;

    SignalingRelay(
        final SignalingService service, final SignalingRegistry registry, final SignalingServer.Counters counters)
    {
        this.service = service;
        this.registry = registry;
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
        final Registration target = registry.get(relay.getTarget());
        if (target == null || target.id.getRealm().getRealmId() != source.id.getRealm().getRealmId())
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
                forward(connection, envelope, target);
        }
    }

    private void forward(final ServerConnection connection, final SignalingEnvelope envelope, final Registration target)
    {
        if (!target.connection.send(envelope))
        {
            service.error(connection, envelope, SignalingErrors.UNAVAILABLE,
                "relay target " + target.idText + " is not reading (its connection is back-pressured)");
            return;
        }
        counters.increment(SignalingCounter.RELAYS);
    }

    private void assignRoles(
        final ServerConnection connection,
        final SignalingEnvelope envelope,
        final Registration source,
        final Registration target)
    {
        final boolean sourceOffers = compare(source.id, target.id) < 0;
        final SignalingEnvelope toTarget = SignalingEnvelopes.envelope(service.nextEnvelopeId(), null)
            .setActrRelay(assignment(source.id, target.id, !sourceOffers)).build();
        if (!target.connection.send(toTarget))
        {
            service.error(connection, envelope, SignalingErrors.UNAVAILABLE,
                "relay target " + target.idText + " is not reading (its connection is back-pressured)");
            return;
        }
        final SignalingEnvelope toSource = SignalingEnvelopes.envelope(service.nextEnvelopeId(), envelope.getEnvelopeId())
            .setActrRelay(assignment(target.id, source.id, sourceOffers)).build();
        if (!connection.send(toSource))
        {
            connection.close();
        }
        counters.increment(SignalingCounter.ROLE_ASSIGNMENTS);
        counters.increment(SignalingCounter.ROLE_ASSIGNMENTS);
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
