package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.NodeSelectionCriteria;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Discovery's choice among registered nodes (PROTOCOL.md 1.8): the requester's realm, the target's manufacturer and
 * name (and version when given), never the requester itself; ordered by the criteria's ranking factors, then by
 * serial; at most the criteria's count and the server's maximum. The same rules whether the nodes are this
 * instance's or the whole cluster's.
 */
final class CandidateSelection
{
    private CandidateSelection()
    {
    }

    static <C extends Candidate> List<C> select(
        final Iterable<C> registered,
        final ActrId requester,
        final ActrType target,
        final NodeSelectionCriteria criteria,
        final int maxCandidates)
    {
        final List<C> matches = new ArrayList<>();
        for (final C candidate : registered)
        {
            final ActrId id = candidate.id();
            if (id.getRealm().getRealmId() == requester.getRealm().getRealmId() && !id.equals(requester) &&
                matches(id.getType(), target))
            {
                matches.add(candidate);
            }
        }
        matches.sort(order(criteria));
        int limit = maxCandidates;
        if (criteria != null && criteria.getCandidateCount() > 0)
        {
            limit = Math.min(limit, criteria.getCandidateCount());
        }
        return matches.size() > limit ? new ArrayList<>(matches.subList(0, limit)) : matches;
    }

    private static boolean matches(final ActrType type, final ActrType target)
    {
        return type.getManufacturer().equals(target.getManufacturer()) && type.getName().equals(target.getName()) &&
            (!target.hasVersion() || target.getVersion().equals(type.getVersion()));
    }

    private static Comparator<Candidate> order(final NodeSelectionCriteria criteria)
    {
        Comparator<Candidate> order = null;
        if (criteria != null)
        {
            for (final NodeSelectionCriteria.RankingFactor factor : criteria.getRankingFactorsList())
            {
                final Comparator<Candidate> next = byFactor(factor);
                if (next != null)
                {
                    order = order == null ? next : order.thenComparing(next);
                }
            }
        }
        final Comparator<Candidate> bySerial =
            (a, b) -> Long.compareUnsigned(a.id().getSerialNumber(), b.id().getSerialNumber());
        return order == null ? bySerial : order.thenComparing(bySerial);
    }

    private static Comparator<Candidate> byFactor(final NodeSelectionCriteria.RankingFactor factor)
    {
        switch (factor)
        {
            case LOWEST_LOAD:
            case MINIMUM_MAILBOX_BACKLOG:
                return (a, b) -> Float.compare(a.mailboxBacklog(), b.mailboxBacklog());
            case MAXIMUM_POWER_RESERVE:
                return (a, b) -> Float.compare(b.powerReserve(), a.powerReserve());
            default:
                return null;
        }
    }
}
