package dev.actr.engine.internal.scheduler;

import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.mailbox.Mailbox;
import org.agrona.collections.LongArrayList;

/**
 * Orders what follows a commit: the commit record, then the reply, then the ack. Without a {@code GROUP} fsync
 * policy replies go out and acks are applied as they come. Under {@code GROUP} the replies of a duty cycle are held
 * (by the proxy) and its acks collected here until {@link #end()}: the commit records are forced to disk, then the
 * replies released, then the acks applied and the mailbox forced.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class CommitGroup
{
    /** Replies held for a group commit beyond which the group ends early. */
    static final int HELD_REPLY_BYTES_LIMIT = 4 * 1024 * 1024;

    private final Mailbox mailbox;
    private final DedupJournal dedupJournal;
    private final EgressProxy proxy;
    private final SystemCounters counters;
    private final boolean grouped;
    private final LongArrayList acks = new LongArrayList();

    /**
     * @param mailbox      whose messages are acked.
     * @param dedupJournal where commit records go, or null.
     * @param proxy        that sends the replies (told to hold them under GROUP).
     * @param counters     for replies the ingress refused on release.
     */
    public CommitGroup(
        final Mailbox mailbox, final DedupJournal dedupJournal, final EgressProxy proxy, final SystemCounters counters)
    {
        this.mailbox = mailbox;
        this.dedupJournal = dedupJournal;
        this.proxy = proxy;
        this.counters = counters;
        this.grouped = dedupJournal != null && dedupJournal.groupCommit();
        proxy.holdReplies(grouped);
    }

    /**
     * Ack a message whose handling is over: at once, or at the end of the group.
     */
    void ack(final long messageId)
    {
        if (grouped)
        {
            acks.addLong(messageId);
        }
        else
        {
            mailbox.ack(messageId);
        }
    }

    /**
     * A reply was held for the group: end the group early when the replies held grow large, to bound memory.
     */
    void onReplyHeld()
    {
        if (proxy.heldBytes() > HELD_REPLY_BYTES_LIMIT)
        {
            end();
        }
    }

    /**
     * End a group: force the commit records, release the replies held for them, apply the acks, force the
     * mailbox.
     */
    public void end()
    {
        if (dedupJournal != null)
        {
            dedupJournal.sync();
        }
        if (proxy.heldBytes() > 0 && proxy.releaseHeld() > 0)
        {
            counters.increment(SystemCounter.REPLIES_UNDELIVERED);
        }
        for (int i = 0, size = acks.size(); i < size; i++)
        {
            mailbox.ack(acks.getLong(i));
        }
        acks.clear();
        mailbox.sync();
    }
}
