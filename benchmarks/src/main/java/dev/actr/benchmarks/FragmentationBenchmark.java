package dev.actr.benchmarks;

import dev.actr.codec.fragment.FragmentHandler;
import dev.actr.codec.fragment.FragmentHeaderFlyweight;
import dev.actr.codec.fragment.Fragmenter;
import dev.actr.codec.fragment.MessageHandler;
import dev.actr.codec.fragment.ReassemblyContext;
import dev.actr.codec.fragment.Reassembler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A 200 KiB message cut into 65,535-byte DataChannel fragments and reassembled, against two baselines: the
 * seed's approach (a copy per fragment into a hash map, sorted and concatenated into a new array on
 * completion) and a single {@code System.arraycopy} of the message (the memory-bandwidth floor).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FragmentationBenchmark
{
    private static final int MESSAGE_LENGTH = 200 * 1024;

    private final Fragmenter fragmenter = new Fragmenter();
    private final Reassembler reassembler = new Reassembler(new ReassemblyContext());
    private final FragmentHeaderFlyweight header = new FragmentHeaderFlyweight();
    private final byte[] copyTarget = new byte[MESSAGE_LENGTH];
    private final MessageHandler onMessage = this::onMessage;
    private final FragmentHandler toReassembler =
        (buffer, offset, length) -> reassembler.onFragment(buffer, offset, length, onMessage);
    private final SeedStyleReassembly seedStyle = new SeedStyleReassembly();
    private final FragmentHandler toSeedStyle = (buffer, offset, length) -> seedStyle.onFragment(buffer, offset, length);
    private UnsafeBuffer message;
    private int delivered;

    /**
     * A message of random bytes.
     */
    @Setup
    public void setUp()
    {
        final byte[] bytes = new byte[MESSAGE_LENGTH];
        ThreadLocalRandom.current().nextBytes(bytes);
        message = new UnsafeBuffer(bytes);
    }

    /**
     * @return bytes delivered by the reassembler.
     */
    @Benchmark
    public int fragmentAndReassemble()
    {
        delivered = 0;
        fragmenter.fragment(message, 0, MESSAGE_LENGTH, toReassembler);
        return delivered;
    }

    /**
     * @return bytes delivered by the seed-style reassembly.
     */
    @Benchmark
    public int baselineSeedStyleReassembly()
    {
        seedStyle.result = null;
        fragmenter.fragment(message, 0, MESSAGE_LENGTH, toSeedStyle);
        return seedStyle.result.length;
    }

    /**
     * @return a byte of the copy.
     */
    @Benchmark
    public byte baselineSingleCopy()
    {
        message.getBytes(0, copyTarget, 0, MESSAGE_LENGTH);
        return copyTarget[MESSAGE_LENGTH - 1];
    }

    private void onMessage(final int msgId, final DirectBuffer buffer, final int offset, final int length)
    {
        delivered = length + buffer.getByte(offset + length - 1);
    }

    /**
     * The seed's reassembly buffer, rewritten in Java: a map of fragment copies per message id, sorted and
     * concatenated into a fresh array when the last fragment arrives.
     */
    private final class SeedStyleReassembly
    {
        private final Map<Integer, Map<Integer, byte[]>> pending = new HashMap<>();
        private byte[] result;

        void onFragment(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset, length);
            final byte[] copy = new byte[header.payloadLength()];
            buffer.getBytes(header.payloadOffset(), copy);
            final Map<Integer, byte[]> fragments = pending.computeIfAbsent(header.msgId(), id -> new HashMap<>());
            fragments.put(header.fragIndex(), copy);
            if (fragments.size() == header.totalFrags())
            {
                pending.remove(header.msgId());
                final List<Integer> order = new ArrayList<>(fragments.keySet());
                order.sort(null);
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (final Integer index : order)
                {
                    out.writeBytes(fragments.get(index));
                }
                result = out.toByteArray();
            }
        }
    }
}
