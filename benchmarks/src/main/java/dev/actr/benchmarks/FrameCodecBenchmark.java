package dev.actr.benchmarks;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.fragment.FragmentHeaderFlyweight;
import dev.actr.codec.frame.LaneFrameDecoder;
import dev.actr.codec.frame.LaneFrameEncoder;
import dev.actr.codec.proto.PayloadType;
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

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Header decode of a lane frame and of a WebRTC fragment, each against the baseline of reading the same
 * fields from a {@link ByteBuffer} with no validation at all. Both decoders must show 0 B/op under
 * {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameCodecBenchmark
{
    private static final int PAYLOAD_LENGTH = 256;

    private final LaneFrameDecoder frameDecoder = new LaneFrameDecoder();
    private final FragmentHeaderFlyweight fragmentHeader = new FragmentHeaderFlyweight();
    private UnsafeBuffer frame;
    private ByteBuffer frameBytes;
    private UnsafeBuffer fragment;
    private ByteBuffer fragmentBytes;

    /**
     * Encode one lane frame and one fragment once; every invocation decodes them again.
     */
    @Setup
    public void setUp()
    {
        frame = new UnsafeBuffer(new byte[5 + PAYLOAD_LENGTH]);
        LaneFrameEncoder.encodeHeader(frame, 0, PayloadType.RPC_SIGNAL, PAYLOAD_LENGTH);
        frameBytes = ByteBuffer.wrap(frame.byteArray());
        fragment = new UnsafeBuffer(new byte[8 + PAYLOAD_LENGTH]);
        FragmentHeaderFlyweight.encode(fragment, 0, 0x8000_0001, 2, 4);
        fragmentBytes = ByteBuffer.wrap(fragment.byteArray());
    }

    /**
     * @return the payload length, after every validation rule.
     */
    @Benchmark
    public int laneFrameHeaderDecode()
    {
        return frameDecoder.wrapExact(frame, 0, frame.capacity()) == CodecStatus.OK ?
            frameDecoder.payloadLength() + frameDecoder.payloadTypeNumber() : -1;
    }

    /**
     * @return the same fields read from a ByteBuffer, unchecked.
     */
    @Benchmark
    public int baselineByteBufferFrameHeaderRead()
    {
        return frameBytes.getInt(1) + frameBytes.get(0);
    }

    /**
     * @return the fragment fields, after every validation rule.
     */
    @Benchmark
    public int fragmentHeaderDecode()
    {
        return fragmentHeader.wrap(fragment, 0, fragment.capacity()) == CodecStatus.OK ?
            fragmentHeader.msgId() + fragmentHeader.fragIndex() + fragmentHeader.totalFrags() : -1;
    }

    /**
     * @return the same fields read from a ByteBuffer, unchecked.
     */
    @Benchmark
    public int baselineByteBufferFragmentHeaderRead()
    {
        return fragmentBytes.getInt(0) + fragmentBytes.getShort(4) + fragmentBytes.getShort(6);
    }
}
