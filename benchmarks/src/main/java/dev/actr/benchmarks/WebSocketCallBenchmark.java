package dev.actr.benchmarks;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A call's round trip between two nodes over the real WebSocket lane, against a raw Netty WebSocket echo and a
 * gRPC-java unary call, all on loopback, all in one JMH run. {@code Mode.SampleTime}: each case's JSON result
 * carries its latency distribution ({@code scorePercentiles}: p50, p90, p99, p99.9, p99.99, max) in µs; run with
 * {@code -prof gc} for bytes allocated per round trip (all threads of the JVM: both ends of each case live here).
 * One message outstanding; every answer is checked against its request. Each case makes
 * {@value #SETUP_ROUND_TRIPS} untimed round trips in its setup (at most 10 s of them) before JMH's own warm-up, so that
 * even the quick profile measures JIT-compiled paths.
 *
 * <p><b>Payload</b>: {@code payloadBytes} (default 64) user bytes, the same in every case. actr and gRPC carry them
 * as a {@code google.protobuf.BytesValue} (66 bytes encoded) that the serving side parses and returns and the caller
 * parses; actr adds its {@code RpcEnvelope} (route key, request id, deadline) and the lane's 5-byte frame header
 * inside one WebSocket binary frame, gRPC its HTTP/2 HEADERS and DATA frames. The raw Netty case sends the 64 bytes
 * as one binary frame and compares the echo's bytes; nothing is parsed.
 * <ul>
 *     <li>{@link #actrWebSocketCall}: {@code host().callBlocking} from node A to the echo actor on node B; two
 *     in-memory nodes joined by the WebSocket lane through an embedded signaling server ({@link WebSocketPair}:
 *     registration, credentials, authenticated peer session — then only the lane is on the path). Path: caller
 *     → A's engine thread → A's lane event loop → loopback → B's lane event loop → B's engine thread (echo
 *     actor) → and back the same way.</li>
 *     <li>{@link #actrWebSocketDurableCall}: the same with both nodes durable (Chronicle mailbox in a temporary
 *     directory, {@code FsyncPolicy.NONE}) and the replay journal on.</li>
 *     <li>{@link #nettyWebSocketEcho}: raw Netty WebSocket ({@link NettyWebSocketEcho}: the lane's pipelines and
 *     transport, one event loop each side, the echo written back from the server's event loop, the caller waiting as
 *     {@code callBlocking} does). The floor: no engine thread hop, no envelope.</li>
 *     <li>{@link #grpcUnary}: gRPC-java 1.85 blocking unary call ({@link GrpcEcho}), the server's handler on gRPC's
 *     default executor ({@code serverExecutor=default}) or on the event loop ({@code direct}).</li>
 * </ul>
 * The actr WebRTC lane and its raw DataChannel baseline are in {@link WebRtcCallBenchmark} (it needs the test network
 * namespace).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebSocketCallBenchmark
{
    private static final long TIMEOUT_MS = 5_000;
    /** Untimed round trips each case makes in its setup, so that the JIT has compiled its path (gRPC's is long). */
    static final int SETUP_ROUND_TRIPS = 20_000;
    /** ... or fewer, when they take longer than this. */
    static final long SETUP_ROUND_TRIPS_MAX_NS = TimeUnit.SECONDS.toNanos(10);

    /** Two nodes over the WebSocket lane; the subclasses choose in-memory or durable with the journal. */
    @State(Scope.Benchmark)
    public abstract static class ActrWebSocket
    {
        /** User bytes per call. */
        @Param({"64"})
        int payloadBytes;

        WebSocketPair pair;
        BytesValue request;

        abstract boolean durable();

        /**
         * Launch the signaling server and both nodes; connect them.
         */
        @Setup(Level.Trial)
        public void launch()
        {
            request = BytesValue.of(payload(payloadBytes));
            pair = WebSocketPair.launch(durable());
            warmUp(this::call);
        }

        /**
         * Check both nodes counted no errors; stop them and the server; delete their files.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            try
            {
                pair.checkClean(getClass().getSimpleName());
            }
            finally
            {
                pair.close();
            }
        }

        int call()
        {
            final BytesValue reply = pair.caller().host().callBlocking(pair.echoDest(), BenchNodes.BYTES_ECHO_ROUTE,
                request, BytesValue.parser(), TIMEOUT_MS);
            return checkEcho(reply, request, getClass().getSimpleName());
        }
    }

    /** Two in-memory nodes. */
    @State(Scope.Benchmark)
    public static class ActrWebSocketMemory extends ActrWebSocket
    {
        @Override
        boolean durable()
        {
            return false;
        }
    }

    /** Two durable nodes with the replay journal on. */
    @State(Scope.Benchmark)
    public static class ActrWebSocketDurable extends ActrWebSocket
    {
        @Override
        boolean durable()
        {
            return true;
        }
    }

    /** The raw Netty WebSocket echo. */
    @State(Scope.Benchmark)
    public static class RawNetty
    {
        /** User bytes per call. */
        @Param({"64"})
        int payloadBytes;

        NettyWebSocketEcho echo;

        /**
         * Start the server, connect the client.
         */
        @Setup(Level.Trial)
        public void start()
        {
            echo = new NettyWebSocketEcho(payloadBytes);
            warmUp(echo::roundTrip);
        }

        /**
         * Stop both.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            echo.close();
        }
    }

    /** The gRPC unary echo. */
    @State(Scope.Benchmark)
    public static class Grpc
    {
        /** User bytes per call. */
        @Param({"64"})
        int payloadBytes;

        /** Where the server runs its handler: {@code default} (gRPC's executor) or {@code direct} (event loop). */
        @Param({"default", "direct"})
        String serverExecutor;

        GrpcEcho echo;
        BytesValue request;

        /**
         * Start the server, open the channel.
         */
        @Setup(Level.Trial)
        public void start()
        {
            if (!"default".equals(serverExecutor) && !"direct".equals(serverExecutor))
            {
                throw new IllegalArgumentException("serverExecutor: default or direct, not " + serverExecutor);
            }
            request = BytesValue.of(payload(payloadBytes));
            echo = new GrpcEcho("direct".equals(serverExecutor));
            warmUp(() -> echo.call(request));
        }

        /**
         * Close the channel, stop the server.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            echo.close();
        }
    }

    /**
     * @param actr two in-memory nodes over the WebSocket lane.
     * @return the echoed payload's length.
     */
    @Benchmark
    public int actrWebSocketCall(final ActrWebSocketMemory actr)
    {
        return actr.call();
    }

    /**
     * @param actr two durable nodes, replay journal on, over the WebSocket lane.
     * @return the echoed payload's length.
     */
    @Benchmark
    public int actrWebSocketDurableCall(final ActrWebSocketDurable actr)
    {
        return actr.call();
    }

    /**
     * @param raw the raw Netty WebSocket echo.
     * @return echoes received.
     */
    @Benchmark
    public long nettyWebSocketEcho(final RawNetty raw)
    {
        return raw.echo.roundTrip();
    }

    /**
     * @param grpc the gRPC echo.
     * @return the echoed payload's length.
     */
    @Benchmark
    public int grpcUnary(final Grpc grpc)
    {
        return checkEcho(grpc.echo.call(grpc.request), grpc.request, "grpcUnary");
    }

    /**
     * @param bytes how many.
     * @return bytes 0, 1, 2, ... (wrapping).
     */
    static ByteString payload(final int bytes)
    {
        final byte[] payload = new byte[bytes];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)i;
        }
        return ByteString.copyFrom(payload);
    }

    /**
     * Make {@link #SETUP_ROUND_TRIPS} untimed round trips, or as many as {@link #SETUP_ROUND_TRIPS_MAX_NS} allows. JMH's
     * warm-up is time-based: at a few thousand round trips per second (fewer on a loaded machine) a short profile's
     * warm-up would leave a long path, gRPC's above all, to the interpreter and C1, and measure the JIT instead of
     * the path. Every case gets the same.
     *
     * @param roundTrip one round trip.
     */
    static void warmUp(final Runnable roundTrip)
    {
        final long startNs = System.nanoTime();
        for (int i = 0; i < SETUP_ROUND_TRIPS && System.nanoTime() - startNs < SETUP_ROUND_TRIPS_MAX_NS; i++)
        {
            roundTrip.run();
        }
    }

    private static int checkEcho(final BytesValue reply, final BytesValue request, final String what)
    {
        if (!reply.getValue().equals(request.getValue()))
        {
            throw new IllegalStateException(what + ": the echo of " + request.getValue().size() + " bytes came back " +
                "as " + reply.getValue().size() + " different bytes");
        }
        return reply.getValue().size();
    }
}
