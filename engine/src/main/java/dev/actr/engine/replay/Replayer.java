package dev.actr.engine.replay;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.RouteCandidatesOk;
import dev.actr.codec.proto.RpcEnvelope;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.NodeContext;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.internal.NodeAssembly;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.engine.internal.scheduler.ReplayDriver;
import dev.actr.journal.mailbox.MailboxRecordDescriptor;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalReader;
import dev.actr.journal.replay.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Deterministic replay: runs fresh actor instances over a node's recorded dispatch journal — every input in the
 * scheduler's order, at its recorded engine time — and compares what they send, and the effects they commit, with
 * what was recorded. Nothing is delivered anywhere: outputs are only compared, and the responses and timeouts the
 * actors saw come from the journal. Actors must read time through {@code ctx.clock()}; one that reads the wall clock diverges.
 *
 * <p>Cold path; runs on the calling thread.
 */
public final class Replayer
{
    /** Inputs go straight to the scheduler: the ingress ring is never used, so it is kept small. */
    private static final int REPLAY_RING_SIZE = 16;

    private Replayer()
    {
    }

    /**
     * Replay the last run a journal holds: a directory used by several runs of a durable node records a START for
     * each, and one set of fresh actors can only reproduce one run, so the inputs before the last START are
     * skipped.
     *
     * @param journalDirectory the node's {@code journal/} directory.
     * @param ctx              the same actors (fresh instances, same ids, same order) as the recorded node; its
     *                         threading mode, clock, ring size, mailbox and journal settings are replaced for the
     *                         replay.
     * @return "identical" or the first divergence.
     */
    public static ReplayReport replay(final Path journalDirectory, final NodeContext ctx)
    {
        final ReplayClock clock = new ReplayClock();
        ctx.threadingMode(ThreadingMode.INVOKER)
            .clock(clock)
            .ringSize(REPLAY_RING_SIZE)
            .journalEnabled(false)
            .conclude();
        final Long2ObjectHashMap<List<OutboundFrame>> recorded = readOutbound(journalDirectory);
        final CapturingRecorder capture = new CapturingRecorder();
        try (NodeAssembly parts = NodeAssembly.replay(ctx, capture);
            JournalReader dispatch = JournalReader.open(journalDirectory, JournalKind.DISPATCH))
        {
            parts.engine.onStart();
            parts.engine.started().join();
            final ReplayDriver driver = parts.replayDriver();
            final long lastStart = lastStartSequence(journalDirectory);
            long inputs = 0;
            while (dispatch.next())
            {
                final JournalRecord record = dispatch.record();
                if (record.dispatchSequence() < lastStart)
                {
                    continue;
                }
                inputs++;
                clock.nowNs = record.timeNs();
                capture.produced.clear();
                final boolean fed = feed(driver, record);
                final List<OutboundFrame> expected =
                    recorded.getOrDefault(record.dispatchSequence(), Collections.emptyList());
                final String divergence = compare(fed, expected, capture.produced);
                if (divergence != null)
                {
                    final int split = divergence.indexOf('\n');
                    return ReplayReport.divergence(inputs, record.dispatchSequence(), routeOf(record),
                        divergence.substring(0, split), divergence.substring(split + 1));
                }
            }
            return ReplayReport.identical(inputs);
        }
    }

    private static long lastStartSequence(final Path journalDirectory)
    {
        long lastStart = Long.MIN_VALUE;
        try (JournalReader dispatch = JournalReader.open(journalDirectory, JournalKind.DISPATCH))
        {
            while (dispatch.next())
            {
                if (dispatch.record().inputType() == DispatchInput.START)
                {
                    lastStart = dispatch.record().dispatchSequence();
                }
            }
        }
        return lastStart;
    }

    private static boolean feed(final ReplayDriver driver, final JournalRecord record)
    {
        final DirectBuffer bytes = copy(record);
        switch (record.inputType())
        {
            case DispatchInput.MESSAGE:
                driver.message(bytes, 0, bytes.capacity());
                return true;
            case DispatchInput.RESPONSE:
                return driver.response(bytes, 0, bytes.capacity());
            case DispatchInput.TIMEOUT:
            case DispatchInput.DEFERRED_TIMEOUT:
                return driver.timeout(record.correlationId());
            case DispatchInput.START:
                driver.start(record.correlationId());
                return true;
            case DispatchInput.CHUNK:
                return feedChunk(driver, record, bytes);
            case DispatchInput.PEER_CONNECTED:
                return feedPeer(driver, record, bytes);
            case DispatchInput.PEER_DISCONNECTED:
                return driver.peerDisconnected(record.callerIndex(), (int)record.correlationId());
            case DispatchInput.DISCOVERED:
                return feedDiscovery(driver, record);
            default:
                return false;
        }
    }

    private static boolean feedChunk(final ReplayDriver driver, final JournalRecord record, final DirectBuffer bytes)
    {
        try
        {
            return driver.chunk(record.actorIndex(), bytes, DataChunk.parseFrom(record.bytesCopy()));
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return false;
        }
    }

    private static boolean feedDiscovery(final ReplayDriver driver, final JournalRecord record)
    {
        try
        {
            return driver.discovered(record.correlationId(), record.length() == 0 ? null :
                RouteCandidatesOk.parseFrom(record.bytesCopy()));
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return false;
        }
    }

    private static boolean feedPeer(final ReplayDriver driver, final JournalRecord record, final DirectBuffer bytes)
    {
        try
        {
            return driver.peerConnected(ActrId.parseFrom(record.bytesCopy()), record.correlationId(),
                record.callerIndex());
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return false;
        }
    }

    private static String compare(
        final boolean fed, final List<OutboundFrame> expected, final List<OutboundFrame> actual)
    {
        if (!fed)
        {
            return "the input to be delivered\nno call, deferred reply or stream waiting for it";
        }
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++)
        {
            final OutboundFrame want = i < expected.size() ? expected.get(i) : null;
            final OutboundFrame got = i < actual.size() ? actual.get(i) : null;
            if (want == null || got == null || !want.sameAs(got))
            {
                return "output " + i + " " + (want == null ? "none" : want) + "\n" +
                    "output " + i + " " + (got == null ? "none" : got);
            }
        }
        return null;
    }

    private static Long2ObjectHashMap<List<OutboundFrame>> readOutbound(final Path journalDirectory)
    {
        final Long2ObjectHashMap<List<OutboundFrame>> bySequence = new Long2ObjectHashMap<>();
        try (JournalReader outbound = JournalReader.open(journalDirectory, JournalKind.OUTBOUND))
        {
            while (outbound.next())
            {
                final JournalRecord record = outbound.record();
                if (record.dispatchSequence() >= 0)
                {
                    bySequence.computeIfAbsent(record.dispatchSequence(), sequence -> new ArrayList<>()).add(
                        new OutboundFrame(record.kind(), record.senderIndex(), record.targetIndex(),
                            record.payloadType(), record.bytesCopy()));
                }
            }
        }
        return bySequence;
    }

    private static DirectBuffer copy(final JournalRecord record)
    {
        return new UnsafeBuffer(record.length() > 0 ? record.bytesCopy() : new byte[0]);
    }

    private static String routeOf(final JournalRecord record)
    {
        final int skip = record.inputType() == DispatchInput.MESSAGE ? MailboxRecordDescriptor.HEADER_LENGTH : 0;
        final byte[] bytes = record.length() > 0 ? record.bytesCopy() : new byte[0];
        if (bytes.length <= skip || (record.inputType() != DispatchInput.MESSAGE &&
            record.inputType() != DispatchInput.RESPONSE))
        {
            return DispatchInput.name(record.inputType());
        }
        try
        {
            return RpcEnvelope.parser().parseFrom(bytes, skip, bytes.length - skip).getRouteKey();
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return "undecodable";
        }
    }

    /** The replay's engine clock: the recorded time of the input being replayed. */
    private static final class ReplayClock implements EpochNanoClock
    {
        long nowNs;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }

    /** Keeps what the replayed actors send. */
    private static final class CapturingRecorder implements JournalRecorder
    {
        final List<OutboundFrame> produced = new ArrayList<>();

        @Override
        public void onOutbound(
            final long timeNs,
            final int kind,
            final int senderIndex,
            final int targetIndex,
            final int payloadType,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            produced.add(new OutboundFrame(kind, senderIndex, targetIndex, payloadType, bytes));
        }
    }
}
