package dev.actr.engine;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.actor.Actor;
import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.FsyncPolicy;
import dev.actr.journal.mailbox.InMemoryMailbox;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.lanes.Lane;
import dev.actr.lanes.PeerConnector;
import dev.actr.lanes.PeerDiscovery;
import org.agrona.BitUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * Configuration of a node: fluent setters starting from the documented defaults ({@link NodeConfiguration}, each
 * overridable by a system property); {@link #conclude()} validates once, {@link ActrNode#launch(NodeContext)} uses
 * it, and {@link #toString()} prints the effective configuration.
 */
public final class NodeContext
{
    /** Room for a mailbox record's header beside the largest frame. */
    private static final int MAILBOX_RECORD_SLACK = 1024;

    private ThreadingMode threadingMode = NodeConfiguration.threadingMode();
    private int ringSize = NodeConfiguration.ringSize();
    private int ringSlotBytes = NodeConfiguration.ringSlotBytes();
    private int maxFrameLength = NodeConfiguration.maxFrameLength();
    private long defaultCallTimeoutMs = NodeConfiguration.defaultCallTimeoutMs();
    private int pendingCapacity = NodeConfiguration.pendingCapacity();
    private int streamCapacity = NodeConfiguration.streamCapacity();
    private int fairnessBound = NodeConfiguration.fairnessBound();
    private int dedupCapacity = NodeConfiguration.dedupCapacity();
    private long dedupWindowNs = NodeConfiguration.dedupWindowNs();
    private IdleStrategy idleStrategy;
    private EpochNanoClock clock = new OffsetEpochNanoClock();
    private ErrorHandler errorHandler;
    private ThreadFactory threadFactory = runnable -> new Thread(runnable, "actr-engine");
    private long handlerStallNs = NodeConfiguration.handlerStallNs();
    private int peerCapacity = NodeConfiguration.peerCapacity();
    private Executor hostExecutor;
    private final List<Lane> lanes = new ArrayList<>();
    private PeerConnector connector;
    private PeerDiscovery discovery;
    private Path directory;
    private boolean journalEnabled;
    private FsyncPolicy fsyncPolicy = FsyncPolicy.NONE;
    private Supplier<Mailbox> mailboxSupplier;
    private Actor hostActor = routes -> { };
    private final List<ActrId> actorIds = new ArrayList<>();
    private final List<Actor> actors = new ArrayList<>();
    private boolean concluded;

    /**
     * @param threadingMode how the engine runs (default {@link ThreadingMode#SHARED}).
     * @return this.
     */
    public NodeContext threadingMode(final ThreadingMode threadingMode)
    {
        this.threadingMode = threadingMode;
        return this;
    }

    /**
     * @return how the engine runs.
     */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * @param ringSize ingress ring events, a power of two (default 4096).
     * @return this.
     */
    public NodeContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return ingress ring events.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param ringSlotBytes bytes each ring event owns (default 1024).
     * @return this.
     */
    public NodeContext ringSlotBytes(final int ringSlotBytes)
    {
        this.ringSlotBytes = ringSlotBytes;
        return this;
    }

    /**
     * @return bytes each ring event owns.
     */
    public int ringSlotBytes()
    {
        return ringSlotBytes;
    }

    /**
     * @param maxFrameLength largest frame accepted (default 16 MiB).
     * @return this.
     */
    public NodeContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /**
     * @return largest frame accepted.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @param defaultCallTimeoutMs deadline of calls that set none and inherit none (default 5000).
     * @return this.
     */
    public NodeContext defaultCallTimeoutMs(final long defaultCallTimeoutMs)
    {
        this.defaultCallTimeoutMs = defaultCallTimeoutMs;
        return this;
    }

    /**
     * @return deadline of calls that set none and inherit none.
     */
    public long defaultCallTimeoutMs()
    {
        return defaultCallTimeoutMs;
    }

    /**
     * @param pendingCapacity most calls waiting at once (default 65536).
     * @return this.
     */
    public NodeContext pendingCapacity(final int pendingCapacity)
    {
        this.pendingCapacity = pendingCapacity;
        return this;
    }

    /**
     * @return most calls waiting at once.
     */
    public int pendingCapacity()
    {
        return pendingCapacity;
    }

    /**
     * @param streamCapacity chunks each stream may queue (default 1024).
     * @return this.
     */
    public NodeContext streamCapacity(final int streamCapacity)
    {
        this.streamCapacity = streamCapacity;
        return this;
    }

    /**
     * @return chunks each stream may queue.
     */
    public int streamCapacity()
    {
        return streamCapacity;
    }

    /**
     * @param fairnessBound most RPC_SIGNAL messages dispatched in a row while RPC_RELIABLE ones wait (default 16).
     * @return this.
     */
    public NodeContext fairnessBound(final int fairnessBound)
    {
        this.fairnessBound = fairnessBound;
        return this;
    }

    /**
     * @return most RPC_SIGNAL messages in a row while RPC_RELIABLE ones wait.
     */
    public int fairnessBound()
    {
        return fairnessBound;
    }

    /**
     * @param dedupCapacity requests remembered for duplicate suppression (default 65536).
     * @return this.
     */
    public NodeContext dedupCapacity(final int dedupCapacity)
    {
        this.dedupCapacity = dedupCapacity;
        return this;
    }

    /**
     * @return requests remembered for duplicate suppression.
     */
    public int dedupCapacity()
    {
        return dedupCapacity;
    }

    /**
     * @param dedupWindowNs how long requests are remembered for duplicate suppression (default 60 s).
     * @return this.
     */
    public NodeContext dedupWindowNs(final long dedupWindowNs)
    {
        this.dedupWindowNs = dedupWindowNs;
        return this;
    }

    /**
     * @return how long requests are remembered for duplicate suppression.
     */
    public long dedupWindowNs()
    {
        return dedupWindowNs;
    }

    /**
     * @param idleStrategy how the engine thread waits when idle (default: a {@link ParkingIdleStrategy} that polls
     *                     for 50 µs after work, then parks until woken by a publish — at most 1 ms while deadlines
     *                     are pending, 100 ms otherwise). Pass a busy-spin strategy only with a core to spare.
     * @return this.
     */
    public NodeContext idleStrategy(final IdleStrategy idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * @return how the engine thread waits when idle.
     */
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * @param clock the engine clock, epoch ns (default an {@link OffsetEpochNanoClock}: System.nanoTime() plus
     *              a sampled epoch offset, allocation-free); inject a manual one in tests and replay.
     * @return this.
     */
    public NodeContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /**
     * @return the engine clock.
     */
    public EpochNanoClock clock()
    {
        return clock;
    }

    /**
     * @param errorHandler told of every error the engine catches (default: logged through System.Logger).
     * @return this.
     */
    public NodeContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * @return told of every error the engine catches.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @param threadFactory creates the engine thread (default: a thread named actr-engine).
     * @return this.
     */
    public NodeContext threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /**
     * @return creates the engine thread.
     */
    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    /**
     * @param directory where the node keeps its durable state: the Chronicle mailbox ({@code mailbox/}) and, when
     *                  enabled, the replay journal ({@code journal/}). Default none: the mailbox is in memory and
     *                  nothing survives a restart.
     * @return this.
     */
    public NodeContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * @return where the node keeps its durable state, or null.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param journalEnabled record every ingress frame, every actor input and every outbound envelope in the replay
     *                       journal under {@link #directory()} (default false; needs a directory).
     * @return this.
     */
    public NodeContext journalEnabled(final boolean journalEnabled)
    {
        this.journalEnabled = journalEnabled;
        return this;
    }

    /**
     * @return whether the replay journal records.
     */
    public boolean journalEnabled()
    {
        return journalEnabled;
    }

    /**
     * @param fsyncPolicy when a durable node forces its mailbox and its commit (dedup) journal to disk (default
     *                    {@link FsyncPolicy#NONE}: survives the death of the process, not of the machine).
     *                    {@code PER_MESSAGE} forces each request's commit record before its reply and its ack;
     *                    {@code GROUP} forces the commits of a whole duty cycle (or of 4 MiB of replies), then
     *                    sends that cycle's replies, applies its acks and forces the mailbox, so neither a reply
     *                    nor an ack gets ahead of the commit it follows.
     * @return this.
     */
    public NodeContext fsyncPolicy(final FsyncPolicy fsyncPolicy)
    {
        this.fsyncPolicy = fsyncPolicy;
        return this;
    }

    /**
     * @return when a durable node forces its files to disk.
     */
    public FsyncPolicy fsyncPolicy()
    {
        return fsyncPolicy;
    }

    /**
     * @param mailboxSupplier makes the node's mailbox (default: a {@link ChronicleMailbox} under
     *                        {@code directory/mailbox} when a directory is set, else an {@link InMemoryMailbox} of
     *                        65536 messages per priority and 256 MiB).
     * @return this.
     */
    public NodeContext mailboxSupplier(final Supplier<Mailbox> mailboxSupplier)
    {
        this.mailboxSupplier = mailboxSupplier;
        return this;
    }

    /**
     * @return makes the node's mailbox.
     */
    public Supplier<Mailbox> mailboxSupplier()
    {
        return mailboxSupplier;
    }

    /**
     * @param hostActor the host's own handlers, reached with {@code Dest.host()} (default: none).
     * @return this.
     */
    public NodeContext hostActor(final Actor hostActor)
    {
        this.hostActor = hostActor;
        return this;
    }

    /**
     * @return the host's own handlers.
     */
    public Actor hostActor()
    {
        return hostActor;
    }

    /**
     * @param handlerStallNs how long a handler, continuation or hook may run on the engine thread before the
     *                       watchdog reports it once to the error handler ({@link HandlerStallException}) and counts
     *                       {@link SystemCounter#HANDLER_STALLS} (default 1 s); the node stays up.
     * @return this.
     */
    public NodeContext handlerStallNs(final long handlerStallNs)
    {
        this.handlerStallNs = handlerStallNs;
        return this;
    }

    /**
     * @return how long a handler may run before it is reported.
     */
    public long handlerStallNs()
    {
        return handlerStallNs;
    }

    /**
     * @param peerCapacity most peers of other nodes known at once (default 4096).
     * @return this.
     */
    public NodeContext peerCapacity(final int peerCapacity)
    {
        this.peerCapacity = peerCapacity;
        return this;
    }

    /**
     * @return most peers of other nodes known at once.
     */
    public int peerCapacity()
    {
        return peerCapacity;
    }

    /**
     * @param hostExecutor where host futures ({@link HostClient#call}) complete and their dependent stages run
     *                     (default: two daemon threads the node owns, stopped with it). Never the engine thread.
     * @return this.
     */
    public NodeContext hostExecutor(final Executor hostExecutor)
    {
        this.hostExecutor = hostExecutor;
        return this;
    }

    /**
     * @return where host futures complete, or null for the node's own threads.
     */
    public Executor hostExecutor()
    {
        return hostExecutor;
    }

    /**
     * Add a network lane (WebSocket, WebRTC, in-process between nodes): it starts with the node, delivers into the
     * node's ingress and closes with it.
     *
     * @param lane the lane.
     * @return this.
     */
    public NodeContext lane(final Lane lane)
    {
        lanes.add(Objects.requireNonNull(lane, "lane"));
        return this;
    }

    /**
     * @return the node's network lanes.
     */
    public List<Lane> lanes()
    {
        return Collections.unmodifiableList(lanes);
    }

    /**
     * @param connector makes connections to peers on demand, when something is sent to a peer with none (default:
     *                  the first lane's {@code connect}, or none without lanes — a send to an unconnected peer is then
     *                  answered ConnectionNotReady at once). Sends wait, parked and bounded, for the connection.
     * @return this.
     */
    public NodeContext connector(final PeerConnector connector)
    {
        this.connector = connector;
        return this;
    }

    /**
     * @return makes connections to peers on demand, or null.
     */
    public PeerConnector connector()
    {
        return connector;
    }

    /**
     * @param discovery finds peers by type for {@code ActorContext.discover} and {@code HostClient.discover}
     *                  (default: the first lane that can, such as a {@code NodeNetwork}; else none, and discovery
     *                  fails with Unavailable).
     * @return this.
     */
    public NodeContext discovery(final PeerDiscovery discovery)
    {
        this.discovery = discovery;
        return this;
    }

    /**
     * @return finds peers by type, or null.
     */
    public PeerDiscovery discovery()
    {
        return discovery;
    }

    /**
     * Host an actor on this node.
     *
     * @param id    its id (type included).
     * @param actor the actor.
     * @return this.
     */
    public NodeContext actor(final ActrId id, final Actor actor)
    {
        actorIds.add(id);
        actors.add(actor);
        return this;
    }

    /**
     * @return ids of the hosted actors, in registration order.
     */
    public List<ActrId> actorIds()
    {
        return Collections.unmodifiableList(actorIds);
    }

    /**
     * @return the hosted actors, in registration order.
     */
    public List<Actor> actors()
    {
        return Collections.unmodifiableList(actors);
    }

    /**
     * Validate the configuration and fill in the defaults that depend on other settings.
     *
     * @return this.
     * @throws IllegalStateException naming the first invalid setting.
     */
    public NodeContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(threadingMode != null, "threadingMode must be set");
        require(ringSize > 0 && BitUtil.isPowerOfTwo(ringSize), "ringSize must be a power of two");
        require(ringSlotBytes > 0 && ringSlotBytes <= maxFrameLength, "ringSlotBytes must be in (0, maxFrameLength]");
        require(defaultCallTimeoutMs > 0, "defaultCallTimeoutMs must be > 0");
        require(pendingCapacity > 0, "pendingCapacity must be > 0");
        require(streamCapacity > 0, "streamCapacity must be > 0");
        require(fairnessBound > 0, "fairnessBound must be > 0");
        require(dedupCapacity > 0 && dedupWindowNs > 0, "dedupCapacity and dedupWindowNs must be > 0");
        require(clock != null && threadFactory != null && hostActor != null,
            "clock, threadFactory and hostActor must be set");
        require(!journalEnabled || directory != null, "journalEnabled needs a directory");
        require(fsyncPolicy != null, "fsyncPolicy must be set");
        require(handlerStallNs > 0, "handlerStallNs must be > 0");
        require(peerCapacity > 0, "peerCapacity must be > 0");
        if (mailboxSupplier == null)
        {
            final Path mailboxDirectory = directory == null ? null : directory.resolve("mailbox");
            mailboxSupplier = mailboxDirectory == null ?
                () -> new InMemoryMailbox(NodeConfiguration.MAILBOX_CAPACITY_DEFAULT,
                    NodeConfiguration.MAILBOX_CAPACITY_BYTES_DEFAULT) :
                () -> ChronicleMailbox.open(new ChronicleMailboxContext().directory(mailboxDirectory)
                    .fsyncPolicy(fsyncPolicy)
                    .blockSize(ChronicleMailboxContext.blockSizeFor(maxFrameLength + MAILBOX_RECORD_SLACK)));
        }
        require(actorIds.stream().allMatch(id -> id != null) &&
            actorIds.stream().distinct().count() == actorIds.size(), "actor ids must be set and distinct");
        if (connector == null && !lanes.isEmpty())
        {
            connector = PeerConnector.of(lanes.get(0));
        }
        for (int i = 0; i < lanes.size() && discovery == null; i++)
        {
            discovery = lanes.get(i) instanceof PeerDiscovery ? (PeerDiscovery)lanes.get(i) : null;
        }
        if (idleStrategy == null)
        {
            idleStrategy = new ParkingIdleStrategy();
        }
        if (errorHandler == null)
        {
            final System.Logger logger = System.getLogger("dev.actr.engine");
            errorHandler = error -> logger.log(System.Logger.Level.ERROR, "actr engine error", error);
        }
        concluded = true;
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
        return "NodeContext{threadingMode=" + threadingMode + ", ringSize=" + ringSize +
            ", ringSlotBytes=" + ringSlotBytes + ", maxFrameLength=" + maxFrameLength +
            ", defaultCallTimeoutMs=" + defaultCallTimeoutMs + ", pendingCapacity=" + pendingCapacity +
            ", streamCapacity=" + streamCapacity + ", fairnessBound=" + fairnessBound +
            ", dedupCapacity=" + dedupCapacity + ", dedupWindowNs=" + dedupWindowNs +
            ", idleStrategy=" + (idleStrategy == null ? "default" : idleStrategy.alias()) +
            ", clock=" + clock + ", directory=" + directory + ", journalEnabled=" + journalEnabled +
            ", handlerStallNs=" + handlerStallNs + ", peerCapacity=" + peerCapacity +
            ", lanes=" + lanes.size() + ", actors=" + actorIds.size() + '}';
    }
}
