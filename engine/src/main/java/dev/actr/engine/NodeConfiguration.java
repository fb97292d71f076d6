package dev.actr.engine;

import java.util.concurrent.TimeUnit;

/**
 * The defaults of a {@link NodeContext}, each overridable by a system property under {@code actr.node.}: a context
 * starts from {@code Long.getLong(*_PROP_NAME, *_DEFAULT)} and its fluent setters override that. Properties let an
 * operator tune a node without a rebuild, e.g. {@code -Dactr.node.ring.size=8192}.
 */
public final class NodeConfiguration
{
    /** Threading mode: {@code SHARED}, {@code DEDICATED} or {@code INVOKER}. */
    public static final String THREADING_MODE_PROP_NAME = "actr.node.threading.mode";
    /** Default threading mode. */
    public static final ThreadingMode THREADING_MODE_DEFAULT = ThreadingMode.SHARED;
    /** Ingress ring size, in events (a power of two). */
    public static final String RING_SIZE_PROP_NAME = "actr.node.ring.size";
    /** Default ingress ring size. */
    public static final int RING_SIZE_DEFAULT = 4096;
    /** Bytes each ring event owns; larger frames allocate for their one use. */
    public static final String RING_SLOT_BYTES_PROP_NAME = "actr.node.ring.slot.bytes";
    /** Default bytes each ring event owns. */
    public static final int RING_SLOT_BYTES_DEFAULT = 1024;
    /** Largest frame accepted, in bytes. */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "actr.node.max.frame.length";
    /** Default largest frame: 16 MiB. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 16 * 1024 * 1024;
    /** Deadline of a call that sets none and inherits none, in ms. */
    public static final String DEFAULT_CALL_TIMEOUT_MS_PROP_NAME = "actr.node.call.timeout.ms";
    /** Default deadline of a call that sets none and inherits none: 5 s. */
    public static final long DEFAULT_CALL_TIMEOUT_MS_DEFAULT = 5_000;
    /** Most calls waiting for responses at once. */
    public static final String PENDING_CAPACITY_PROP_NAME = "actr.node.pending.capacity";
    /** Default most calls waiting at once. */
    public static final int PENDING_CAPACITY_DEFAULT = 65_536;
    /** Default in-memory mailbox messages per priority. */
    public static final int MAILBOX_CAPACITY_DEFAULT = 65_536;
    /** Default in-memory mailbox bytes overall: 256 MiB. */
    public static final long MAILBOX_CAPACITY_BYTES_DEFAULT = 256L * 1024 * 1024;
    /** Chunks each stream may queue. */
    public static final String STREAM_CAPACITY_PROP_NAME = "actr.node.stream.capacity";
    /** Default chunks each stream may queue. */
    public static final int STREAM_CAPACITY_DEFAULT = 1024;
    /** Most RPC_SIGNAL messages in a row while RPC_RELIABLE ones wait. */
    public static final String FAIRNESS_BOUND_PROP_NAME = "actr.node.fairness.bound";
    /** Default fairness bound. */
    public static final int FAIRNESS_BOUND_DEFAULT = 16;
    /** Requests remembered for duplicate suppression. */
    public static final String DEDUP_CAPACITY_PROP_NAME = "actr.node.dedup.capacity";
    /** Default requests remembered for duplicate suppression. */
    public static final int DEDUP_CAPACITY_DEFAULT = 65_536;
    /** How long requests are remembered for duplicate suppression, in ns. */
    public static final String DEDUP_WINDOW_NS_PROP_NAME = "actr.node.dedup.window.ns";
    /** Default dedup window: 60 s. */
    public static final long DEDUP_WINDOW_NS_DEFAULT = TimeUnit.SECONDS.toNanos(60);
    /** How long a handler may run on the engine thread before the watchdog reports it, in ns. */
    public static final String HANDLER_STALL_NS_PROP_NAME = "actr.node.handler.stall.ns";
    /** Default stall bound: 1 s. */
    public static final long HANDLER_STALL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);
    /** Most peers of other nodes known at once. */
    public static final String PEER_CAPACITY_PROP_NAME = "actr.node.peer.capacity";
    /** Default most peers known at once. */
    public static final int PEER_CAPACITY_DEFAULT = 4096;

    private NodeConfiguration()
    {
    }

    static ThreadingMode threadingMode()
    {
        return ThreadingMode.valueOf(System.getProperty(THREADING_MODE_PROP_NAME, THREADING_MODE_DEFAULT.name()));
    }

    static int ringSize()
    {
        return Integer.getInteger(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
    }

    static int ringSlotBytes()
    {
        return Integer.getInteger(RING_SLOT_BYTES_PROP_NAME, RING_SLOT_BYTES_DEFAULT);
    }

    static int maxFrameLength()
    {
        return Integer.getInteger(MAX_FRAME_LENGTH_PROP_NAME, MAX_FRAME_LENGTH_DEFAULT);
    }

    static long defaultCallTimeoutMs()
    {
        return Long.getLong(DEFAULT_CALL_TIMEOUT_MS_PROP_NAME, DEFAULT_CALL_TIMEOUT_MS_DEFAULT);
    }

    static int pendingCapacity()
    {
        return Integer.getInteger(PENDING_CAPACITY_PROP_NAME, PENDING_CAPACITY_DEFAULT);
    }

    static int streamCapacity()
    {
        return Integer.getInteger(STREAM_CAPACITY_PROP_NAME, STREAM_CAPACITY_DEFAULT);
    }

    static int fairnessBound()
    {
        return Integer.getInteger(FAIRNESS_BOUND_PROP_NAME, FAIRNESS_BOUND_DEFAULT);
    }

    static int dedupCapacity()
    {
        return Integer.getInteger(DEDUP_CAPACITY_PROP_NAME, DEDUP_CAPACITY_DEFAULT);
    }

    static long dedupWindowNs()
    {
        return Long.getLong(DEDUP_WINDOW_NS_PROP_NAME, DEDUP_WINDOW_NS_DEFAULT);
    }

    static long handlerStallNs()
    {
        return Long.getLong(HANDLER_STALL_NS_PROP_NAME, HANDLER_STALL_NS_DEFAULT);
    }

    static int peerCapacity()
    {
        return Integer.getInteger(PEER_CAPACITY_PROP_NAME, PEER_CAPACITY_DEFAULT);
    }
}
