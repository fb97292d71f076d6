package dev.actr.lanes.session;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Handshake outcomes counted by reason: one counter per {@link AuthRejection}, and the handshakes that
 * succeeded. Thread safe; one instance per lane.
 */
public final class AuthRejectionCounters
{
    private final AtomicLongArray rejections = new AtomicLongArray(AuthRejection.values().length);
    private final AtomicLongArray accepted = new AtomicLongArray(1);

    /**
     * @param rejection the reason to count.
     */
    public void onRejected(final AuthRejection rejection)
    {
        rejections.incrementAndGet(rejection.ordinal());
    }

    /**
     * Count a handshake that ended ready.
     */
    public void onAccepted()
    {
        accepted.incrementAndGet(0);
    }

    /**
     * @param rejection a reason.
     * @return how many handshakes were refused for it.
     */
    public long rejected(final AuthRejection rejection)
    {
        return rejections.get(rejection.ordinal());
    }

    /**
     * @return handshakes refused, all reasons.
     */
    public long rejectedTotal()
    {
        long total = 0;
        for (int i = 0; i < rejections.length(); i++)
        {
            total += rejections.get(i);
        }
        return total;
    }

    /**
     * @return handshakes that ended ready.
     */
    public long accepted()
    {
        return accepted.get(0);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("AuthRejectionCounters{accepted=").append(accepted());
        for (final AuthRejection rejection : AuthRejection.values())
        {
            final long count = rejected(rejection);
            if (count != 0)
            {
                text.append(", ").append(rejection).append('=').append(count);
            }
        }
        return text.append('}').toString();
    }
}
