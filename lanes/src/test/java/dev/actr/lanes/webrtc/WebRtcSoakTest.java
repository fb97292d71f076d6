package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.PayloadType;
import dev.actr.lanes.Lane;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volume and lifecycle: 100 MB of reliable stream data byte-exact, and 50 connect/disconnect cycles without
 * leaking native threads or memory.
 */
@Tag("netns")
class WebRtcSoakTest
{
    @BeforeEach
    void network()
    {
        TestNetwork.assumeAvailable();
    }

    @Test
    @Timeout(120)
    void shouldCarryHundredMegabytesOfReliableStreamDataByteExact() throws Exception
    {
        try (LanePair pair = new LanePair().connect())
        {
            final long seed = Long.getLong("actr.test.seed", System.nanoTime());
            System.out.println("shouldCarryHundredMegabytesOfReliableStreamDataByteExact seed " + seed);
            final MessageDigest received = MessageDigest.getInstance("SHA-256");
            final AtomicLong receivedBytes = new AtomicLong();
            final byte[] scratch = new byte[256 * 1024];
            pair.ingressB.consumer((connectionId, payloadType, buffer, offset, length) ->
            {
                buffer.getBytes(offset, scratch, 0, length);
                received.update(scratch, 0, length);
                receivedBytes.addAndGet(length);
                return Lane.OK;
            });
            final MessageDigest sent = MessageDigest.getInstance("SHA-256");
            final Random random = new Random(seed);
            final byte[] message = new byte[256 * 1024];
            final UnsafeBuffer buffer = new UnsafeBuffer(message);
            final long total = 100L * 1000 * 1000;
            long sentBytes = 0;
            final long start = System.nanoTime();
            while (sentBytes < total)
            {
                final int length = (int)Math.min(total - sentBytes, 1 + random.nextInt(message.length));
                random.nextBytes(message);
                int result;
                while ((result = pair.laneA.send(pair.connectionA, PayloadType.STREAM_RELIABLE_VALUE, buffer, 0, length))
                    == Lane.BACK_PRESSURED)
                {
                    LockSupport.parkNanos(100_000); // the engine's idle strategy would wait here
                }
                assertThat(result).isEqualTo(Lane.OK);
                sent.update(message, 0, length);
                sentBytes += length;
            }
            Await.until(() -> receivedBytes.get() == total, 60_000, () -> total + " bytes, got " + receivedBytes.get());
            final double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("100 MB reliable stream: %.2f s, %.1f MB/s, %d back-pressured sends%n",
                seconds, total / 1e6 / seconds, pair.laneA.counter(WebRtcCounter.SENDS_BACK_PRESSURED));
            assertThat(received.digest()).isEqualTo(sent.digest());
        }
    }

    @Test
    @Timeout(180)
    void shouldConnectAndDisconnectFiftyTimesWithoutLeakingThreadsAndWithBoundedMemory() throws Exception
    {
        try (LanePair pair = new LanePair())
        {
            final byte[] ping = {1, 2, 3};
            long threadsAfterWarmUp = 0;
            long rssAfterWarmUp = 0;
            final int warmUp = 5;
            final int cycles = Integer.getInteger("actr.test.cycles", 50);
            for (int cycle = 0; cycle < warmUp + cycles; cycle++)
            {
                pair.connect();
                assertThat(pair.laneA.send(pair.connectionA, 0, new UnsafeBuffer(ping), 0, ping.length)).isEqualTo(Lane.OK);
                final int expected = cycle + 1;
                Await.until(() -> pair.ingressB.frames.size() == expected, 5_000, () -> "the cycle's frame");
                pair.laneA.disconnect(pair.connectionA);
                pair.ingressA.expect(RecordingIngress.DISCONNECTED, 5_000);
                pair.ingressB.expect(RecordingIngress.DISCONNECTED, 5_000);
                if (cycle % 10 == 0 && Boolean.getBoolean("actr.test.verbose"))
                {
                    System.out.println("cycle " + cycle + " RSS " + status("VmRSS:") + " KiB, heap committed " +
                        Runtime.getRuntime().totalMemory() / 1024 + " KiB, threads " + status("Threads:"));
                }
                if (cycle == warmUp - 1)
                {
                    System.gc();
                    threadsAfterWarmUp = status("Threads:");
                    rssAfterWarmUp = status("VmRSS:");
                }
            }
            System.gc();
            final long threads = status("Threads:");
            final long rssKb = status("VmRSS:");
            System.out.printf("%d connect/disconnect cycles: threads %d -> %d, RSS %d -> %d KiB (%+d KiB, %+d KiB per cycle)%n",
                cycles, threadsAfterWarmUp, threads, rssAfterWarmUp, rssKb, rssKb - rssAfterWarmUp,
                (rssKb - rssAfterWarmUp) / cycles);
            assertThat(threads).isLessThanOrEqualTo(threadsAfterWarmUp + 2);
            // webrtc-java 0.14 never releases a closed peer connection's native object (its JNI close() drops the
            // handle without Release()): measured here ~1.1 MiB per peer connection, two per cycle. The bound
            // catches anything worse; it cannot be zero until webrtc-java releases the object.
            assertThat((rssKb - rssAfterWarmUp) / cycles).isLessThan(4 * 1024);
            assertThat(pair.ingressA.framesAfterDisconnect()).isZero();
        }
    }

    private static long status(final String field) throws Exception
    {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith(field))
            {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(field + " not in /proc/self/status");
    }
}
