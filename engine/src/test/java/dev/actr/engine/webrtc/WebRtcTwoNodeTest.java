package dev.actr.engine.webrtc;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.CallFailedException;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Dest;
import dev.actr.journal.testing.ChildJvm;
import dev.actr.lanes.webrtc.WebRtcLane;
import dev.actr.lanes.webrtc.WebRtcLaneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two nodes in two JVMs over the WebRTC lane: this JVM's node and a {@link WebRtcChildNode} in a child JVM, which
 * shares this JVM's test network namespace; their signaling relay is a {@link LineRelay} over the child's stdin and
 * stdout. 10,000 calls each way, a 1 MiB message through fragmentation, 100 MB of reliable-stream chunks byte-exact,
 * and the child killed while calls to it are pending: they fail within a second (this node's keep-alive: 100 ms
 * pings, silent after 800 ms, no ICE restart: the child's young-generation pauses reached ~430 ms here on a loaded
 * machine, so a shorter timeout would report a live child dead).
 */
@Tag("netns")
@Tag("slow")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WebRtcTwoNodeTest
{
    private static final ActrId PARENT = ActrIds.parse("a1@1/twonode:node:1");
    private static final ActrId CHILD = ActrIds.parse("b2@1/twonode:node:1");
    private static final int CALLS = 10_000;
    private static final long STREAM_BYTES = 100L * 1000 * 1000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private final List<ChildJvm> children = new ArrayList<>();
    private boolean passed;

    @BeforeEach
    void network()
    {
        TestNamespace.assumeAvailable();
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        ChildJvm.cleanUp(children, dir, passed);
    }

    @Test
    void shouldCallBothWaysStreamByteExactAndFailPendingCallsWithinASecondWhenThePeerIsKilled() throws Exception
    {
        final AtomicReference<OutputStream> toChild = new AtomicReference<>();
        final LineRelay relay = new LineRelay(line -> writeLine(toChild.get(), line));
        final ChildJvm child = ChildJvm.start(dir, 1, WebRtcChildNode.READY, WebRtcChildNode.class,
            List.of(ActrIds.format(CHILD), ActrIds.format(PARENT)), relay::onLine);
        children.add(child);
        toChild.set(child.stdin());
        child.awaitReady();
        final TwoNodeActor actor = new TwoNodeActor(CHILD);
        final WebRtcLane lane = new WebRtcLane(new WebRtcLaneContext()
            .localId(PARENT)
            .relayChannel(relay)
            .authenticator(TrustingAuthenticator.INSTANCE)
            .keepaliveIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .keepaliveTimeoutNs(TimeUnit.MILLISECONDS.toNanos(800))
            .iceRestartAttempts(0));
        try (ActrNode node = ActrNode.launch(new NodeContext().actor(PARENT, actor).lane(lane)))
        {
            final long connectStartNs = System.nanoTime();
            lane.connect(CHILD);
            await(() -> node.counter(SystemCounter.PEERS_CONNECTED) == 1, 30_000, "the connection to the child");
            System.out.println("two JVMs: connected in " + millisSince(connectStartNs) + " ms");

            callTheChild(node);
            callThisNodeFromTheChild(node, actor);
            echoOneMebibyte(node);
            streamToTheChild(node, actor, lane);
            failPendingCallsWhenTheChildIsKilled(node, child);
        }
        passed = true;
    }

    private static void callTheChild(final ActrNode node) throws Exception
    {
        final long startNs = System.nanoTime();
        final Semaphore window = new Semaphore(64);
        final AtomicInteger answered = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < CALLS; i++)
        {
            assertThat(window.tryAcquire(30, TimeUnit.SECONDS)).as("a call slot").isTrue();
            final long value = i;
            node.host().call(Dest.peer(CHILD), TwoNodeActor.ECHO, Int64Value.of(value), Int64Value.parser(), 30_000)
                .whenComplete((response, ex) ->
                {
                    if (ex != null)
                    {
                        failure.compareAndSet(null, ex);
                    }
                    else if (response.getValue() == value + 1)
                    {
                        answered.incrementAndGet();
                    }
                    window.release();
                });
        }
        assertThat(window.tryAcquire(64, 60, TimeUnit.SECONDS)).as("every call completed").isTrue();
        System.out.println("two JVMs: " + CALLS + " calls to the child in " + millisSince(startNs) + " ms");
        assertThat(failure.get()).isNull();
        assertThat(answered.get()).isEqualTo(CALLS);
    }

    private static void callThisNodeFromTheChild(final ActrNode node, final TwoNodeActor actor) throws Exception
    {
        final long startNs = System.nanoTime();
        final long answered = node.host().call(Dest.peer(CHILD), TwoNodeActor.CALL_PEER, Int64Value.of(CALLS),
            Int64Value.parser(), 120_000).get(120, TimeUnit.SECONDS).getValue();
        System.out.println("two JVMs: " + CALLS + " calls from the child's actor in " + millisSince(startNs) + " ms");
        assertThat(answered).as("answered right").isEqualTo(CALLS);
        assertThat(actor.echoes.get()).isEqualTo(CALLS);
    }

    private static void echoOneMebibyte(final ActrNode node) throws Exception
    {
        final long seed = Long.getLong("actr.test.seed", System.nanoTime());
        System.out.println("WebRtcTwoNodeTest seed " + seed);
        final byte[] bytes = new byte[1024 * 1024];
        new Random(seed).nextBytes(bytes);
        final BytesValue echoed = node.host().call(Dest.peer(CHILD), TwoNodeActor.ECHO_BYTES,
            BytesValue.of(ByteString.copyFrom(bytes)), BytesValue.parser(), 30_000).get(30, TimeUnit.SECONDS);
        assertThat(echoed.getValue().toByteArray()).as("1 MiB there and back, fragmented").isEqualTo(bytes);
    }

    private static void streamToTheChild(final ActrNode node, final TwoNodeActor actor, final WebRtcLane lane)
        throws Exception
    {
        final long startNs = System.nanoTime();
        long sent = 0;
        while (sent < STREAM_BYTES)
        {
            final long now = node.host().callBlocking(Dest.workload(PARENT), TwoNodeActor.PUMP,
                Int64Value.of(STREAM_BYTES), Int64Value.parser(), 30_000).getValue();
            if (now == sent)
            {
                assertThat(node.counter(SystemCounter.PEERS_DISCONNECTED)).as("still connected: %s", lane).isZero();
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200)); // the lane drains; pump again
            }
            sent = now;
        }
        final byte[] summary = new byte[48];
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long received;
        do
        {
            node.host().call(Dest.peer(CHILD), TwoNodeActor.RECEIVED, Int64Value.of(0), BytesValue.parser(), 30_000)
                .get(30, TimeUnit.SECONDS).getValue().copyTo(summary, 0);
            received = ByteBuffer.wrap(summary).getLong(0);
        }
        while (received < STREAM_BYTES && System.nanoTime() - deadlineNs < 0 && pause());
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf("two JVMs: %d MB of reliable chunks in %.1f s (%.1f MB/s); lane %s%n",
            STREAM_BYTES / 1_000_000, seconds, STREAM_BYTES / 1e6 / seconds, lane);
        assertThat(received).isEqualTo(STREAM_BYTES);
        assertThat(ByteBuffer.wrap(summary).getLong(8)).as("chunks out of sequence").isZero();
        assertThat(Arrays.copyOfRange(summary, 16, 48)).as("SHA-256 of the bytes").isEqualTo(actor.sentDigest());
    }

    private static void failPendingCallsWhenTheChildIsKilled(final ActrNode node, final ChildJvm child)
        throws Exception
    {
        final List<CompletableFuture<Int64Value>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            pending.add(node.host().call(
                Dest.peer(CHILD), TwoNodeActor.HOLD, Int64Value.of(i), Int64Value.parser(), 60_000));
        }
        assertThat(node.host().call(Dest.peer(CHILD), TwoNodeActor.ECHO, Int64Value.of(1), Int64Value.parser(),
            10_000).get(10, TimeUnit.SECONDS).getValue()).as("the holds were handled before this echo").isEqualTo(2);

        final long killedNs = System.nanoTime();
        child.kill();
        for (final CompletableFuture<Int64Value> call : pending)
        {
            try
            {
                call.get(10, TimeUnit.SECONDS);
                fail("a held call was answered");
            }
            catch (final ExecutionException ex)
            {
                assertThat(ex.getCause()).isInstanceOf(CallFailedException.class);
                assertThat(((CallFailedException)ex.getCause()).errorCode())
                    .isEqualTo(ErrorCode.CONNECTION_NOT_READY.code());
            }
        }
        final long failedMs = millisSince(killedNs);
        System.out.println("two JVMs: child killed, its 5 pending calls failed after " + failedMs + " ms");
        assertThat(failedMs).isLessThan(1_000);
    }

    private static void writeLine(final OutputStream out, final String line)
    {
        try
        {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean pause()
    {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the child digests what is still on its way
        return true;
    }

    private static long millisSince(final long startNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    private static void await(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
