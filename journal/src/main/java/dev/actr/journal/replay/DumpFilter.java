package dev.actr.journal.replay;

import dev.actr.codec.proto.Direction;

import java.util.Objects;

/**
 * Which records {@link JournalDump} prints: an immutable value; each setter returns a copy with one criterion
 * changed. Criteria combine with AND; an unset criterion matches everything.
 *
 * <pre>{@code
 * DumpFilter.all().actor("1@1/acme:book:1").direction(Direction.REQUEST).fromNs(t0).toNs(t1)
 * }</pre>
 */
public final class DumpFilter
{
    private static final DumpFilter ALL = new DumpFilter(null, null, null, Long.MIN_VALUE, Long.MAX_VALUE);

    private final String actor;
    private final String route;
    private final Direction direction;
    private final long fromNs;
    private final long toNs;

    private DumpFilter(
        final String actor, final String route, final Direction direction, final long fromNs, final long toNs)
    {
        this.actor = actor;
        this.route = route;
        this.direction = direction;
        this.fromNs = fromNs;
        this.toNs = toNs;
    }

    /**
     * @return a filter that matches every record.
     */
    public static DumpFilter all()
    {
        return ALL;
    }

    /**
     * @param actor ActrId text as in the manifest, or a decimal actor index; null for any. A record matches when
     *              the actor has any role in it: the actor given a dispatch input or its caller, an ingress
     *              frame's caller or target, an outbound frame's sender or target.
     * @return a copy with this criterion.
     */
    public DumpFilter actor(final String actor)
    {
        return new DumpFilter(actor, route, direction, fromNs, toNs);
    }

    /**
     * @return the actor criterion, or null.
     */
    public String actor()
    {
        return actor;
    }

    /**
     * @param route route key an envelope must carry; null for any. Records without an envelope (chunks,
     *              timeouts) do not match a set route.
     * @return a copy with this criterion.
     */
    public DumpFilter route(final String route)
    {
        return new DumpFilter(actor, route, direction, fromNs, toNs);
    }

    /**
     * @return the route criterion, or null.
     */
    public String route()
    {
        return route;
    }

    /**
     * @param direction direction an envelope must carry (REQUEST, RESPONSE or TELL); null for any. Records
     *                  without an envelope do not match a set direction.
     * @return a copy with this criterion.
     */
    public DumpFilter direction(final Direction direction)
    {
        return new DumpFilter(actor, route, direction, fromNs, toNs);
    }

    /**
     * @return the direction criterion, or null.
     */
    public Direction direction()
    {
        return direction;
    }

    /**
     * @param fromNs earliest record time printed, epoch ns, inclusive.
     * @return a copy with this criterion.
     */
    public DumpFilter fromNs(final long fromNs)
    {
        return new DumpFilter(actor, route, direction, fromNs, toNs);
    }

    /**
     * @return earliest record time printed, inclusive.
     */
    public long fromNs()
    {
        return fromNs;
    }

    /**
     * @param toNs latest record time printed, epoch ns, inclusive.
     * @return a copy with this criterion.
     */
    public DumpFilter toNs(final long toNs)
    {
        return new DumpFilter(actor, route, direction, fromNs, toNs);
    }

    /**
     * @return latest record time printed, inclusive.
     */
    public long toNs()
    {
        return toNs;
    }

    /**
     * @param timeNs a record time.
     * @return true when it lies in [{@link #fromNs()}, {@link #toNs()}].
     */
    public boolean matchesTime(final long timeNs)
    {
        return timeNs >= fromNs && timeNs <= toNs;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof DumpFilter))
        {
            return false;
        }
        final DumpFilter that = (DumpFilter)other;
        return fromNs == that.fromNs && toNs == that.toNs && Objects.equals(actor, that.actor) &&
            Objects.equals(route, that.route) && direction == that.direction;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(actor, route, direction, fromNs, toNs);
    }

    @Override
    public String toString()
    {
        return "DumpFilter{actor=" + actor + ", route=" + route + ", direction=" + direction +
            ", fromNs=" + fromNs + ", toNs=" + toNs + '}';
    }
}
