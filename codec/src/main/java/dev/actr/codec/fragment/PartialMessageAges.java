package dev.actr.codec.fragment;

/**
 * The {@link Reassembler}'s partial messages in order of first arrival, oldest first: the order in which they
 * expire and are evicted. An intrusive doubly linked list through {@link PartialMessage#older} and
 * {@link PartialMessage#newer}, so linking and unlinking allocate nothing.
 *
 * <p>NOT thread safe.
 */
final class PartialMessageAges
{
    PartialMessage oldest;
    private PartialMessage newest;

    void linkNewest(final PartialMessage partial)
    {
        partial.older = newest;
        partial.newer = null;
        if (newest != null)
        {
            newest.newer = partial;
        }
        newest = partial;
        if (oldest == null)
        {
            oldest = partial;
        }
    }

    void unlink(final PartialMessage partial)
    {
        if (partial.older != null)
        {
            partial.older.newer = partial.newer;
        }
        else
        {
            oldest = partial.newer;
        }
        if (partial.newer != null)
        {
            partial.newer.older = partial.older;
        }
        else
        {
            newest = partial.older;
        }
    }
}
