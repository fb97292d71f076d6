package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.PayloadType;
import dev.actr.lanes.Lane;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

    /**
     * Each cycle makes and closes two peer connections (one per lane). What stays behind is native: webrtc-java 0.14
     * never releases a closed peer connection (see {@link WebRtcLane}). Memory is measured as the resident memory
     * outside the Java heap and the JVM's code cache and metaspace, so their growth does not count. Threads and file descriptors must not grow (but for the
     * JVM's own: a compiler thread, the attach listener that {@code jcmd} starts).
     */
    @Test
    @Timeout(180)
    void shouldConnectAndDisconnectFiftyTimesWithoutLeakingThreadsOrSocketsAndWithBoundedNativeMemory() throws Exception
    {
        try (LanePair pair = new LanePair())
        {
            final byte[] ping = {1, 2, 3};
            final int warmUp = 10;
            final int cycles = Integer.getInteger("actr.test.cycles", 50);
            final long[] afterWarmUp = new long[3];
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
                    System.out.println("cycle " + cycle + ": RSS " + status("VmRSS:") + " KiB, heap committed " +
                        Runtime.getRuntime().totalMemory() / 1024 + " KiB, native " + nativeKb() + " KiB, threads " +
                        status("Threads:") + ", fds " + fileDescriptors() + ", direct buffers " + directKb() + " KiB");
                }
                if (cycle == warmUp - 1)
                {
                    collectGarbage();
                    afterWarmUp[0] = status("Threads:");
                    afterWarmUp[1] = fileDescriptors();
                    afterWarmUp[2] = nativeKb();
                }
            }
            collectGarbage();
            final long threads = status("Threads:");
            final long fds = fileDescriptors();
            final long nativeKb = nativeKb();
            final long perConnectionKb = (nativeKb - afterWarmUp[2]) / (2L * cycles);
            System.out.printf("%d connect/disconnect cycles (%d peer connections): threads %d -> %d, fds %d -> %d, " +
                "native (resident outside the heap, code cache, metaspace) %d -> %d KiB (%+d KiB, %+d KiB per peer connection)%n", cycles, 2 * cycles,
                afterWarmUp[0], threads, afterWarmUp[1], fds, afterWarmUp[2], nativeKb, nativeKb - afterWarmUp[2],
                perConnectionKb);
            assertThat(threads).isLessThanOrEqualTo(afterWarmUp[0] + 2);
            assertThat(fds).as("sockets of closed connections released").isLessThanOrEqualTo(afterWarmUp[1] + 2);
            // Measured here with webrtc-java 0.14.0 (see WebRtcLane): 72-98 KiB per closed peer connection over this
            // test's 100, alone or after the other WebRTC tests in this JVM. 160 KiB leaves room for noise and catches
            // a new leak of the lane's own (a closed connection's Java objects kept reachable from native code, as
            // before DetachableChannelObserver, measured 430 KiB with their direct buffers); it must come down once
            // webrtc-java frees its objects.
            assertThat(perConnectionKb).isLessThan(160);
            assertThat(pair.ingressA.framesAfterDisconnect()).isZero();
        }
    }

    /**
     * @return resident KiB outside the Java heap and the JVM's own non-heap pools: the Rss of every mapping of
     * {@code /proc/self/smaps} that does not lie in the heap's address range (asked of {@code jcmd GC.heap_info}),
     * less what the code cache and metaspace have committed (the JIT still compiles while the cycles run).
     */
    private static long nativeKb() throws Exception
    {
        return outsideHeapKb() - ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.NON_HEAP)
            .mapToLong(pool -> pool.getUsage().getCommitted()).sum() / 1024;
    }

    private static long outsideHeapKb() throws Exception
    {
        final long[] heap = heapRange();
        long kb = 0;
        boolean inHeap = false;
        for (final String line : Files.readAllLines(Path.of("/proc/self/smaps")))
        {
            final int dash = line.indexOf('-');
            if (dash > 0 && line.indexOf(' ') > dash && line.substring(0, dash).matches("[0-9a-f]+"))
            {
                final long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                inHeap = start >= heap[0] && start < heap[1];
            }
            else if (line.startsWith("Rss:") && !inHeap)
            {
                kb += Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        return kb;
    }

    private static long[] heapRange() throws Exception
    {
        final Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(ProcessHandle.current().pid()), "GC.heap_info").redirectErrorStream(true).start();
        final String info = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        final java.util.regex.Matcher range = java.util.regex.Pattern
            .compile("\\[0x([0-9a-f]+), 0x([0-9a-f]+)\\)").matcher(info);
        assertThat(range.find()).as("the heap's range in: " + info).isTrue();
        return new long[] {Long.parseUnsignedLong(range.group(1), 16), Long.parseUnsignedLong(range.group(2), 16)};
    }

    private static long directKb()
    {
        return java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
            .stream().filter(pool -> pool.getName().equals("direct")).mapToLong(pool -> pool.getMemoryUsed()).sum() / 1024;
    }

    /** Collect, and give the cleaner the time to free what collected direct buffers held. */
    private static void collectGarbage()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static long fileDescriptors() throws Exception
    {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.count();
        }
    }

    @Test
    @Timeout(60)
    void shouldLetEveryJavaObjectOfAClosedConnectionGo() throws Exception
    {
        try (LanePair pair = new LanePair().connect())
        {
            final byte[] message = new byte[1024 * 1024]; // fills reassembly blocks on B
            assertThat(pair.laneA.send(pair.connectionA, PayloadType.RPC_RELIABLE_VALUE, new UnsafeBuffer(message), 0,
                message.length)).isEqualTo(Lane.OK);
            Await.until(() -> pair.ingressB.frames.size() == 1, 10_000, () -> "the 1 MiB message");
            final WeakReference<WebRtcConnection> a = new WeakReference<>(pair.laneA.connection(pair.connectionA));
            final WeakReference<WebRtcConnection> b = new WeakReference<>(pair.laneB.connection(pair.connectionB));
            pair.laneA.disconnect(pair.connectionA);
            pair.ingressA.expect(RecordingIngress.DISCONNECTED, 5_000);
            pair.ingressB.expect(RecordingIngress.DISCONNECTED, 5_000);

            // webrtc-java 0.14 keeps a JNI global reference to every DataChannel observer ever registered: the
            // connection (and its lane, its ingress and its reassembly blocks) must not be reachable from it
            for (int attempt = 0; attempt < 50 && (a.get() != null || b.get() != null); attempt++)
            {
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // the control thread lets go of its tasks
            }
            assertThat(a.get()).as("A's closed connection collected").isNull();
            assertThat(b.get()).as("B's closed connection collected").isNull();
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
