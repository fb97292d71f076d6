package dev.actr.lanes.signaling;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.RouteCandidatesOk;
import dev.actr.codec.proto.WsAddressEntry;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A discovery answer: the candidates for a type, best first, and the WebSocket address of those that advertise
 * one. Immutable.
 */
public final class DiscoveryResult
{
    private final List<ActrId> candidates;
    private final Map<ActrId, String> wsAddresses;

    DiscoveryResult(final RouteCandidatesOk ok)
    {
        this.candidates = Collections.unmodifiableList(ok.getCandidatesList());
        final Map<ActrId, String> addresses = new HashMap<>();
        for (final WsAddressEntry entry : ok.getWsAddressMapList())
        {
            addresses.put(entry.getCandidateId(), entry.getWsAddress());
        }
        this.wsAddresses = Collections.unmodifiableMap(addresses);
    }

    /**
     * @return the candidates, best first (possibly none).
     */
    public List<ActrId> candidates()
    {
        return candidates;
    }

    /**
     * @return candidate to WebSocket address, for candidates that advertise one.
     */
    public Map<ActrId, String> wsAddresses()
    {
        return wsAddresses;
    }

    /**
     * @param candidate a candidate.
     * @return its WebSocket address, or null.
     */
    public String wsAddress(final ActrId candidate)
    {
        return wsAddresses.get(candidate);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("DiscoveryResult{");
        for (final ActrId candidate : candidates)
        {
            text.append(ActrIds.format(candidate)).append('=').append(wsAddresses.get(candidate)).append(' ');
        }
        return text.append('}').toString();
    }
}
