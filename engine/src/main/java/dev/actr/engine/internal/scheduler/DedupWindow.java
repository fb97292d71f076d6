package dev.actr.engine.internal.scheduler;

import dev.actr.journal.dedup.DedupJournal;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Requests and tells already taken, by (caller, request id), for a window of time: a duplicate of a request
 * gets the original reply again, a duplicate of a tell (or of a request still being answered) is dropped.
 * Bounded in entries (the oldest is forgotten first) and by age. Entries and their reply buffers are reused.
 * With a {@link DedupJournal} every answer is also journalled, and answers still inside the window are loaded
 * back at start-up; so are the newest commits whatever their age, by mailbox message id, so that a message whose
 * ack a crash lost is answered from its commit, not run again, however late the restart.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class DedupWindow
{
    private static final int RETAINED_REPLY_BYTES = 4096;
    /**
     * Newest commit records read back at start-up whatever their age, for the messages whose acks a crash lost
     * (the commit is written right before the ack: at most one duty cycle's worth under a GROUP fsync policy).
     */
    static final int TAIL_RECORDS = 4096;

    static final class Entry
    {
        int callerIndex;
        long requestKey;
        long takenNs;
        boolean answered;
        int responderIndex;
        int payloadType;
        ExpandableArrayBuffer reply = new ExpandableArrayBuffer(128);
        int replyLength;
    }

    private final Long2ObjectHashMap<Entry> byKey = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<RecoveredCommit> recovered = new Long2ObjectHashMap<>();
    private final Entry[] fifo;
    /** When each fifo entry was taken, beside it: expiry scans this array in order (prefetched), not the entries. */
    private final long[] takenNs;
    private final int mask;
    private final long windowNs;
    private final DedupJournal journal;
    private final int capacity;
    private long head;
    private long tail;

    DedupWindow(final int capacity, final long windowNs, final DedupJournal journal, final long nowNs)
    {
        final int slots = org.agrona.BitUtil.findNextPositivePowerOfTwo(capacity);
        this.fifo = new Entry[slots];
        this.takenNs = new long[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
        this.windowNs = windowNs;
        this.journal = journal;
        if (journal != null)
        {
            final long fromNs = nowNs - windowNs;
            journal.load(fromNs, TAIL_RECORDS,
                (callerIndex, requestKey, takenNs, responderIndex, payloadType, messageId, newest, reply, offset,
                length) ->
                {
                    if (takenNs >= fromNs)
                    {
                        onJournalled(callerIndex, requestKey, takenNs, responderIndex, payloadType, reply, offset,
                            length);
                    }
                    if (newest && messageId >= 0)
                    {
                        recovered.put(messageId, new RecoveredCommit(
                            callerIndex, requestKey, responderIndex, payloadType, reply, offset, length));
                    }
                });
        }
    }

    /** A commit among the newest at start-up: its message may come again because the crash lost its ack. */
    static final class RecoveredCommit
    {
        final int callerIndex;
        final long requestKey;
        final int responderIndex;
        final int payloadType;
        final UnsafeBuffer reply;

        RecoveredCommit(
            final int callerIndex,
            final long requestKey,
            final int responderIndex,
            final int payloadType,
            final DirectBuffer reply,
            final int offset,
            final int length)
        {
            this.callerIndex = callerIndex;
            this.requestKey = requestKey;
            this.responderIndex = responderIndex;
            this.payloadType = payloadType;
            final byte[] bytes = new byte[length];
            reply.getBytes(offset, bytes);
            this.reply = new UnsafeBuffer(bytes);
        }
    }

    /**
     * @return the commit of a redelivered message whose ack the last crash lost (once; the same caller and request
     * key, so that a mailbox that reuses ids across runs never matches a new message), or null.
     */
    RecoveredCommit recovered(final long messageId, final int callerIndex, final long requestKey)
    {
        if (recovered.isEmpty())
        {
            return null;
        }
        final RecoveredCommit commit = recovered.get(messageId);
        if (commit == null || commit.callerIndex != callerIndex || commit.requestKey != requestKey)
        {
            return null;
        }
        recovered.remove(messageId);
        return commit;
    }

    private void onJournalled(
        final int callerIndex,
        final long requestKey,
        final long takenNs,
        final int responderIndex,
        final int payloadType,
        final DirectBuffer reply,
        final int offset,
        final int length)
    {
        final Entry entry = take(callerIndex, requestKey, takenNs);
        if (length > 0)
        {
            keep(entry, responderIndex, payloadType, reply, offset, length);
        }
        else
        {
            entry.answered = true;
        }
    }

    Entry find(final int callerIndex, final long requestKey, final long nowNs)
    {
        expire(nowNs);
        final Entry entry = byKey.get(key(callerIndex, requestKey));
        return entry != null && entry.callerIndex == callerIndex && entry.requestKey == requestKey ? entry : null;
    }

    Entry take(final int callerIndex, final long requestKey, final long nowNs)
    {
        if (tail - head == capacity)
        {
            forgetOldest();
        }
        final int index = (int)(tail++ & mask);
        takenNs[index] = nowNs;
        Entry entry = fifo[index];
        if (entry == null)
        {
            entry = new Entry();
            fifo[index] = entry;
        }
        entry.callerIndex = callerIndex;
        entry.requestKey = requestKey;
        entry.takenNs = nowNs;
        entry.answered = false;
        entry.replyLength = 0;
        byKey.put(key(callerIndex, requestKey), entry);
        return entry;
    }

    /**
     * A request was answered, or a tell handled: journal its commit record (the reply, empty for a tell, and the
     * effects its handler recorded; always, also when the entry was forgotten meanwhile), then remember it for
     * duplicates.
     *
     * @param scope  of the request or tell; its staged effects are consumed.
     * @param frame  the reply frame, or null for a tell.
     * @param length of the reply frame, 0 for a tell.
     * @param nowNs  engine time.
     * @throws RuntimeException when the journal could not take the record; nothing is remembered then.
     */
    void commit(final RequestScope scope, final DirectBuffer frame, final int length, final long nowNs)
    {
        if (!scope.remembered && journal == null)
        {
            scope.discardEffects();
            return;
        }
        final Entry entry = find(scope.dedupCaller, scope.dedupKey, nowNs);
        if (entry != null && entry.answered)
        {
            scope.discardEffects();
            return;
        }
        if (journal != null)
        {
            journal.append(scope.dedupCaller, scope.dedupKey, entry != null ? entry.takenNs : nowNs,
                scope.responderIndex, length > 0 ? scope.payloadType : 0, scope.messageId, frame, 0, length,
                scope.effects, scope.effectsLength);
        }
        if (entry != null && length > 0)
        {
            keep(entry, scope.responderIndex, scope.payloadType, frame, 0, length);
        }
        else if (entry != null)
        {
            entry.answered = true;
        }
        scope.discardEffects();
    }

    boolean durable()
    {
        return journal != null;
    }

    private static void keep(
        final Entry entry,
        final int responderIndex,
        final int payloadType,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        if (entry.reply.capacity() > RETAINED_REPLY_BYTES && length <= RETAINED_REPLY_BYTES)
        {
            entry.reply = new ExpandableArrayBuffer(128);
        }
        entry.reply.putBytes(0, frame, offset, length);
        entry.replyLength = length;
        entry.responderIndex = responderIndex;
        entry.payloadType = payloadType;
        entry.answered = true;
    }

    int size()
    {
        return (int)(tail - head);
    }

    private void expire(final long nowNs)
    {
        while (tail > head && nowNs - takenNs[(int)(head & mask)] >= windowNs)
        {
            forgetOldest();
        }
    }

    private void forgetOldest()
    {
        final Entry entry = fifo[(int)(head++ & mask)];
        final long key = key(entry.callerIndex, entry.requestKey);
        if (byKey.get(key) == entry)
        {
            byKey.remove(key);
        }
    }

    private static long key(final int callerIndex, final long requestKey)
    {
        long h = requestKey * 0x9E3779B97F4A7C15L + callerIndex;
        h ^= h >>> 31;
        return h;
    }
}
