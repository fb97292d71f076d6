package dev.actr.engine.internal;

import dev.actr.codec.proto.ActrId;

/**
 * 64-bit keys of actor ids, for primitive maps: the realm and serial number mixed (an id is unique by those two
 * within the realm's signaling). A peer's key has its top bit set, so that a stored caller key tells a peer (< 0)
 * from a local index (>= 0); it is stable across runs, so durable records keep it.
 */
public final class IdKeys
{
    private IdKeys()
    {
    }

    /**
     * @param id an actor id.
     * @return its key, >= 0.
     */
    public static long of(final ActrId id)
    {
        long h = (id.getRealm().getRealmId() & 0xFFFF_FFFFL) * 0x9E3779B97F4A7C15L ^ id.getSerialNumber();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }

    /**
     * @param id a peer's id.
     * @return its caller key, < 0.
     */
    public static long peerKey(final ActrId id)
    {
        return of(id) | Long.MIN_VALUE;
    }

    /**
     * @param a an id.
     * @param b another.
     * @return true when both name the same actor (realm and serial number).
     */
    public static boolean sameActor(final ActrId a, final ActrId b)
    {
        return a.getSerialNumber() == b.getSerialNumber() && a.getRealm().getRealmId() == b.getRealm().getRealmId();
    }
}
