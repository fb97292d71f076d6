package dev.actr.engine;

import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.FsyncPolicy;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MailboxHandler;
import dev.actr.journal.mailbox.MailboxRecordDescriptor;
import dev.actr.journal.mailbox.MessagePriority;
import dev.actr.journal.testing.ChildJvm;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link NodeCrashTest} kills: a durable node (SHARED threading, default Chronicle mailbox, dedup
 * journal) under a steady load of host calls and tells, whose actor records one durable effect per request. Every
 * fourth request is deferred and answered from a nested call to a second actor, recording a second effect then.
 *
 * <pre>
 *   enqueue.log  E seq       the mailbox enqueue of request seq returned (written by a mailbox decorator)
 *   exec.log     X seq run   the handler of seq ran in this run (a redelivery runs it again)
 * </pre>
 *
 * Sequence numbers are {@code run * RUN_STRIDE + i}: no run reuses another's. Logs are unsynced appends of one
 * write per line (SIGKILL ends the process, not the machine); a line the kill cut short lacks its newline.
 *
 * <p>Modes: {@code WORK} loads the node until killed; {@code DRAIN} sends nothing, waits until the mailbox holds
 * nothing queued or in flight, closes the node and exits 0. Arguments: {@code mode nodeDir logDir run seed
 * fsyncPolicy} (the policy of the mailbox and of the commit journal: GROUP defers acks to the end of each duty
 * cycle).
 */
final class NodeCrashChild
{
    static final String READY = "READY";
    static final String DRAINED = "DRAINED";
    static final String ENQUEUE_LOG = "enqueue.log";
    static final String EXEC_LOG = "exec.log";
    static final long RUN_STRIDE = 10_000_000L;
    static final int DEFERRED_EVERY = 4;
    static final int TELL_EVERY = 5;
    static final String APPLY = "t.Apply";
    static final String NOTE = "t.Note";
    private static final String CHECK = "t.Check";
    private static final int MAX_OUTSTANDING = 32;
    private static final int ACTOR_A = 1;

    private NodeCrashChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        final boolean drain = "DRAIN".equals(args[0]);
        final Path nodeDir = Path.of(args[1]);
        final Path logDir = Path.of(args[2]);
        final int run = Integer.parseInt(args[3]);
        final Random random = new Random(Long.parseLong(args[4]));
        final FsyncPolicy fsyncPolicy = FsyncPolicy.valueOf(args[5]);
        final OutputStream execLog = new FileOutputStream(logDir.resolve(EXEC_LOG).toFile(), true);
        final LoggingMailbox mailbox = new LoggingMailbox(
            ChronicleMailbox.open(new ChronicleMailboxContext().directory(nodeDir.resolve("mailbox"))
                .fsyncPolicy(fsyncPolicy)),
            new FileOutputStream(logDir.resolve(ENQUEUE_LOG).toFile(), true));
        // Half the runs remember answers for 1 ms only: a restart then always comes after the dedup window, and
        // a redelivered request whose ack the kill lost must be found among the newest commits loaded back.
        final long dedupWindowNs = random.nextBoolean() ? TimeUnit.MILLISECONDS.toNanos(1) :
            NodeConfiguration.DEDUP_WINDOW_NS_DEFAULT;
        final NodeContext ctx = new NodeContext().directory(nodeDir).fsyncPolicy(fsyncPolicy)
            .dedupWindowNs(dedupWindowNs)
            .mailboxSupplier(() -> mailbox)
            .actor(Ids.A, routes -> routes
                .handle(APPLY, Int64Value.parser(), (c, request) -> apply(c, request, run, execLog))
                .handle(NOTE, Int64Value.parser(), (c, request) ->
                {
                    executed(execLog, request.getValue(), run);
                    effect(c, Long.toString(request.getValue()));
                    return null;
                }))
            .actor(Ids.B, routes -> routes.handle(CHECK, Int64Value.parser(), (c, request) -> request));

        try (ActrNode node = ActrNode.launch(ctx))
        {
            System.out.println(READY + " " + run);
            System.out.flush();
            if (drain)
            {
                mailbox.awaitEmpty();
                System.out.println(DRAINED + " " + run);
                System.out.flush();
            }
            else
            {
                load(node, run, random);
            }
        }
    }

    private static Int64Value apply(
        final ActorContext c, final Int64Value request, final int run, final OutputStream execLog)
    {
        final long seq = request.getValue();
        executed(execLog, seq, run);
        effect(c, Long.toString(seq));
        if (seq % DEFERRED_EVERY != 0)
        {
            return request;
        }
        final DeferredReply<Int64Value> deferred = c.defer();
        c.call(Dest.workload(Ids.B), CHECK, request, Int64Value.parser()).then(new ReplyHandler<Int64Value>()
        {
            public void onReply(final ActorContext ctx, final Int64Value response)
            {
                deferredEffect(deferred, seq + "+");
                deferred.reply(response);
            }

            public void onError(final ActorContext ctx, final int errorCode, final String message)
            {
                deferredEffect(deferred, seq + "!");
                deferred.fail(errorCode, message);
            }
        });
        return null;
    }

    private static void load(final ActrNode node, final int run, final Random random)
    {
        final Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        for (long i = 1; ; i++)
        {
            final long seq = run * RUN_STRIDE + i;
            outstanding.acquireUninterruptibly();
            if (seq % TELL_EVERY == 0)
            {
                node.host().tell(Dest.workload(Ids.A), NOTE, Int64Value.of(seq));
                outstanding.release();
            }
            else
            {
                node.host().call(Dest.workload(Ids.A), APPLY, Int64Value.of(seq), Int64Value.parser(), 30_000)
                    .whenComplete((reply, error) -> outstanding.release());
            }
            if (random.nextInt(64) == 0)
            {
                Thread.yield();
            }
        }
    }

    private static void effect(final ActorContext c, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        c.effect(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static void deferredEffect(final DeferredReply<?> deferred, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        deferred.effect(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static void executed(final OutputStream execLog, final long seq, final int run)
    {
        write(execLog, "X " + seq + " " + run + "\n");
    }

    static void write(final OutputStream log, final String line)
    {
        try
        {
            log.write(line.getBytes(StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The node's real Chronicle mailbox, logging each enqueue of a request for actor A once it returned, and
     * publishing how much it holds for the drain to wait on.
     */
    private static final class LoggingMailbox implements Mailbox
    {
        private final Mailbox delegate;
        private final OutputStream enqueueLog;
        private final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();
        private final AtomicInteger held = new AtomicInteger();

        LoggingMailbox(final Mailbox delegate, final OutputStream enqueueLog)
        {
            this.delegate = delegate;
            this.enqueueLog = enqueueLog;
            publishHeld();
        }

        @Override
        public long enqueue(
            final MessagePriority priority, final DirectBuffer buffer, final int offset, final int length)
        {
            final long id = delegate.enqueue(priority, buffer, offset, length);
            if (id != FULL && buffer.getInt(offset + MailboxRecordDescriptor.TARGET_OFFSET) == ACTOR_A)
            {
                write(enqueueLog, "E " + sequenceOf(buffer, offset, length) + "\n");
            }
            publishHeld();
            return id;
        }

        private long sequenceOf(final DirectBuffer buffer, final int offset, final int length)
        {
            final int header = MailboxRecordDescriptor.HEADER_LENGTH;
            if (envelope.wrap(buffer, offset + header, length - header) != CodecStatus.OK)
            {
                throw new IllegalStateException("enqueued a malformed envelope");
            }
            final byte[] payload = new byte[envelope.payloadLength()];
            envelope.buffer().getBytes(envelope.payloadOffset(), payload);
            try
            {
                return Int64Value.parseFrom(payload).getValue();
            }
            catch (final InvalidProtocolBufferException ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public int poll(final MessagePriority priority, final MailboxHandler handler, final int limit)
        {
            final int polled = delegate.poll(priority, handler, limit);
            publishHeld();
            return polled;
        }

        @Override
        public void ack(final long messageId)
        {
            delegate.ack(messageId);
            publishHeld();
        }

        private void publishHeld()
        {
            int total = 0;
            for (final MessagePriority priority : MessagePriority.values())
            {
                total += delegate.queued(priority) + delegate.inFlight(priority);
            }
            held.set(total);
        }

        void awaitEmpty() throws InterruptedException
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (held.get() > 0)
            {
                if (System.nanoTime() > deadlineNs)
                {
                    throw new IllegalStateException("mailbox still holds " + held.get() + " messages");
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }

        @Override
        public int queued(final MessagePriority priority)
        {
            return delegate.queued(priority);
        }

        @Override
        public int inFlight(final MessagePriority priority)
        {
            return delegate.inFlight(priority);
        }

        @Override
        public void depthObserver(final DepthObserver observer)
        {
            delegate.depthObserver(observer);
        }

        @Override
        public void sync()
        {
            delegate.sync();
        }

        @Override
        public void close()
        {
            delegate.close();
        }
    }
}
