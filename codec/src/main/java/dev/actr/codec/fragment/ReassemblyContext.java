package dev.actr.codec.fragment;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH;

/**
 * Configuration of a {@link Reassembler}. Fluent setters start from the documented defaults;
 * {@link #conclude()} validates once.
 */
public final class ReassemblyContext
{
    /** Default time a partial message may wait for its missing fragments: 30 s. */
    public static final long TTL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);
    /** Default maximum number of partial messages held at once. */
    public static final int MAX_PARTIAL_MESSAGES_DEFAULT = 1024;
    /** Default maximum bytes held by partial messages: 64 MiB. */
    public static final long MAX_BYTES_HELD_DEFAULT = 64L * 1024 * 1024;
    /** Default maximum reassembled message length: 16 MiB. */
    public static final int MAX_MESSAGE_LENGTH_DEFAULT = 16 * 1024 * 1024;

    private long ttlNs = TTL_NS_DEFAULT;
    private int maxPartialMessages = MAX_PARTIAL_MESSAGES_DEFAULT;
    private long maxBytesHeld = MAX_BYTES_HELD_DEFAULT;
    private int maxMessageLength = MAX_MESSAGE_LENGTH_DEFAULT;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;

    /**
     * @param ttlNs how long a partial message may wait, from its first fragment, before it is evicted.
     * @return this.
     */
    public ReassemblyContext ttlNs(final long ttlNs)
    {
        this.ttlNs = ttlNs;
        return this;
    }

    /**
     * @return how long a partial message may wait before it is evicted.
     */
    public long ttlNs()
    {
        return ttlNs;
    }

    /**
     * @param maxPartialMessages how many partial messages may be held; the oldest is evicted beyond that.
     * @return this.
     */
    public ReassemblyContext maxPartialMessages(final int maxPartialMessages)
    {
        this.maxPartialMessages = maxPartialMessages;
        return this;
    }

    /**
     * @return how many partial messages may be held.
     */
    public int maxPartialMessages()
    {
        return maxPartialMessages;
    }

    /**
     * @param maxBytesHeld bound on the memory held by partial messages. Each is charged what it holds: its
     *                     fragments' payload bytes, plus {@link Reassembler#PARTIAL_MESSAGE_OVERHEAD_BYTES}, plus
     *                     {@link Reassembler#FRAGMENT_OVERHEAD_BYTES} per fragment of its {@code total_frags}; the
     *                     fragment storage the reassembler allocates stays within this bound whatever fragment
     *                     sizes a peer sends. At least two full fragments and their message's bookkeeping.
     * @return this.
     */
    public ReassemblyContext maxBytesHeld(final long maxBytesHeld)
    {
        this.maxBytesHeld = maxBytesHeld;
        return this;
    }

    /**
     * @return bound on the memory held by partial messages.
     */
    public long maxBytesHeld()
    {
        return maxBytesHeld;
    }

    /**
     * @param maxMessageLength largest message that may be reassembled.
     * @return this.
     */
    public ReassemblyContext maxMessageLength(final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /**
     * @return largest message that may be reassembled.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @param nanoClock the clock TTLs are measured with (inject a manual clock in tests).
     * @return this.
     */
    public ReassemblyContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * @return the clock TTLs are measured with.
     */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * Validate the configuration.
     *
     * @return this.
     * @throws IllegalStateException naming the first invalid setting.
     */
    public ReassemblyContext conclude()
    {
        require(ttlNs > 0, "ttlNs must be > 0");
        require(maxPartialMessages > 0, "maxPartialMessages must be > 0");
        require(maxMessageLength > 0, "maxMessageLength must be > 0");
        final long minBytesHeld = 2L * MAX_FRAGMENT_PAYLOAD_LENGTH + PartialMessage.accountedBytes(2);
        require(maxBytesHeld >= minBytesHeld,
            "maxBytesHeld must hold a two-fragment message: two full fragments and its bookkeeping (" +
            minBytesHeld + ")");
        require(nanoClock != null, "nanoClock must be set");
        return this;
    }

    private void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalStateException(message + ": " + this);
        }
    }

    @Override
    public String toString()
    {
        return "ReassemblyContext{ttlNs=" + ttlNs + ", maxPartialMessages=" + maxPartialMessages +
            ", maxBytesHeld=" + maxBytesHeld + ", maxMessageLength=" + maxMessageLength +
            ", nanoClock=" + nanoClock + '}';
    }
}
