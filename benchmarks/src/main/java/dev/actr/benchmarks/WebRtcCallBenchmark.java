package dev.actr.benchmarks;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Dest;
import dev.actr.lanes.webrtc.HandshakeTransport;
import dev.actr.lanes.webrtc.PeerAuthenticator;
import dev.actr.lanes.webrtc.PeerHandshake;
import dev.actr.lanes.webrtc.RelayChannel;
import dev.actr.lanes.webrtc.RelayHandler;
import dev.actr.lanes.webrtc.WebRtcLane;
import dev.actr.lanes.webrtc.WebRtcLaneContext;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import org.agrona.DirectBuffer;
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

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A call's round trip between two nodes of this JVM over the WebRTC DataChannel lane (host call to the peer's echo
 * actor: envelope, fragment header, the lane's flow control, both engines), against its baseline in the same run:
 * a raw webrtc-java DataChannel ping-pong of the same payload between two peer connections of this JVM (the peer
 * echoes in its message callback; the caller waits as a blocking call does: spins briefly, then parks until the
 * callback unparks it).
 *
 * <p>libwebrtc needs a non-loopback interface, and benchmarks may only reach addresses they made: run it in the
 * test network namespace of {@code .ci/netns} (as root), whose forks share it:
 * <pre>
 *   mvn -B -q -o package -pl benchmarks -am -DskipTests
 *   .ci/netns private benchmarks/bench WebRtcCallBenchmark
 *   (or: .ci/netns private java $(cli/bin/jvm-flags) -jar benchmarks/target/benchmarks.jar WebRtcCallBenchmark \
 *        -jvmArgsAppend "$(cli/bin/jvm-flags)")
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebRtcCallBenchmark
{
    private static final String ECHO = "bench.WebRtc.Echo";
    private static final long TIMEOUT_MS = 5_000;

    /** Two nodes joined by WebRTC lanes, the second with an echo actor. */
    @State(Scope.Benchmark)
    public static class Lanes
    {
        private static final ActrId NODE_A = ActrIds.parse("a1@1/bench:webrtc:1");
        private static final ActrId NODE_B = ActrIds.parse("b2@1/bench:webrtc:1");

        /** Payload bytes of the call (the envelope adds its fields). */
        @Param({"64", "1024"})
        int payloadBytes;

        ActrNode a;
        ActrNode b;
        Dest peer;
        BytesValue request;

        /**
         * Launch both nodes and connect them.
         */
        @Setup(Level.Trial)
        public void launch()
        {
            requireTestNetwork();
            final RelayHub relay = new RelayHub();
            final WebRtcLane laneA = lane(NODE_A, relay);
            final WebRtcLane laneB = lane(NODE_B, relay);
            a = ActrNode.launch(new NodeContext().actor(NODE_A, routes -> routes.handle(
                ECHO, BytesValue.parser(), (ctx, value) -> value)).lane(laneA));
            b = ActrNode.launch(new NodeContext().actor(NODE_B, routes -> routes.handle(
                ECHO, BytesValue.parser(), (ctx, value) -> value)).lane(laneB));
            laneA.connect(NODE_B);
            awaitTrue(() -> a.counter(SystemCounter.PEERS_CONNECTED) == 1 &&
                b.counter(SystemCounter.PEERS_CONNECTED) == 1, "the nodes connected");
            peer = Dest.peer(NODE_B);
            request = BytesValue.of(ByteString.copyFrom(new byte[payloadBytes]));
        }

        private static WebRtcLane lane(final ActrId id, final RelayHub relay)
        {
            return new WebRtcLane(new WebRtcLaneContext()
                .localId(id)
                .relayChannel(relay.channel(id))
                .authenticator(TRUSTING));
        }

        /**
         * Close both nodes.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            a.close();
            b.close();
        }
    }

    /** Two raw webrtc-java peer connections of this JVM, one ordered reliable DataChannel between them. */
    @State(Scope.Benchmark)
    public static class Raw
    {
        /** Bytes of each ping. */
        @Param({"64", "1024"})
        int payloadBytes;

        private PeerConnectionFactory factory;
        private HeadlessAudioDeviceModule audio;
        private RTCPeerConnection caller;
        private RTCPeerConnection echo;
        private RTCDataChannel callerChannel;
        private final CompletableFuture<RTCDataChannel> echoChannel = new CompletableFuture<>();
        private final AtomicLong pongs = new AtomicLong();
        private volatile Thread waiter;
        private ByteBuffer ping;
        private ByteBuffer pong;
        long sent;

        /**
         * Make both peer connections, negotiate them in memory, and wait for the channel to open both ways.
         *
         * @throws Exception when they do not connect.
         */
        @Setup(Level.Trial)
        public void connect() throws Exception
        {
            requireTestNetwork();
            ping = ByteBuffer.allocateDirect(payloadBytes);
            pong = ByteBuffer.allocateDirect(payloadBytes);
            audio = new HeadlessAudioDeviceModule();
            factory = new PeerConnectionFactory(audio);
            final CandidateQueue toCaller = new CandidateQueue();
            final CandidateQueue toEcho = new CandidateQueue();
            caller = factory.createPeerConnection(new RTCConfiguration(), observer(toEcho::offer, null));
            echo = factory.createPeerConnection(new RTCConfiguration(), observer(toCaller::offer, echoChannel));
            final CompletableFuture<Void> callerOpen = new CompletableFuture<>();
            callerChannel = caller.createDataChannel("ping", new RTCDataChannelInit());
            callerChannel.registerObserver(new ChannelObserver(callerChannel, callerOpen, buffer -> onPong()));

            final RTCSessionDescription offer = created(caller, true).get(10, TimeUnit.SECONDS);
            set(caller, offer, true).get(10, TimeUnit.SECONDS);
            set(echo, offer, false).get(10, TimeUnit.SECONDS);
            toEcho.remoteDescriptionSet(echo);
            final RTCSessionDescription answer = created(echo, false).get(10, TimeUnit.SECONDS);
            set(echo, answer, true).get(10, TimeUnit.SECONDS);
            set(caller, answer, false).get(10, TimeUnit.SECONDS);
            toCaller.remoteDescriptionSet(caller);

            final RTCDataChannel channel = echoChannel.get(10, TimeUnit.SECONDS);
            final CompletableFuture<Void> echoOpen = new CompletableFuture<>();
            channel.registerObserver(new ChannelObserver(channel, echoOpen, buffer -> echoBack(channel, buffer)));
            if (channel.getState() == RTCDataChannelState.OPEN)
            {
                echoOpen.complete(null);
            }
            CompletableFuture.allOf(callerOpen, echoOpen).get(10, TimeUnit.SECONDS);
        }

        private void echoBack(final RTCDataChannel channel, final RTCDataChannelBuffer buffer)
        {
            pong.clear();
            pong.put(buffer.data);
            pong.flip();
            send(channel, pong);
        }

        private void onPong()
        {
            pongs.incrementAndGet();
            final Thread parked = waiter;
            if (parked != null)
            {
                LockSupport.unpark(parked);
            }
        }

        /**
         * Send a ping and wait for its pong.
         *
         * @return pongs received.
         */
        long pingPong()
        {
            final long expected = ++sent;
            ping.clear();
            send(callerChannel, ping);
            int spins = 0;
            long received;
            while ((received = pongs.get()) < expected)
            {
                if (++spins < 1_000)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    waiter = Thread.currentThread();
                    if (pongs.get() < expected)
                    {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                    waiter = null;
                }
            }
            return received;
        }

        /**
         * Close the channels and peer connections; dispose the factory.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            callerChannel.unregisterObserver();
            callerChannel.close();
            callerChannel.dispose();
            final RTCDataChannel channel = echoChannel.getNow(null);
            if (channel != null)
            {
                channel.unregisterObserver();
                channel.close();
                channel.dispose();
            }
            caller.close();
            echo.close();
            factory.dispose();
            audio.dispose();
        }
    }

    /**
     * @param lanes two nodes joined by WebRTC lanes.
     * @return the echoed payload's length.
     */
    @Benchmark
    public int laneCallRoundTrip(final Lanes lanes)
    {
        return lanes.a.host().callBlocking(lanes.peer, ECHO, lanes.request, BytesValue.parser(), TIMEOUT_MS)
            .getValue().size();
    }

    /**
     * @param raw two raw peer connections.
     * @return pongs received.
     */
    @Benchmark
    public long rawDataChannelPingPong(final Raw raw)
    {
        return raw.pingPong();
    }

    // ---- collaborators: the signaling relay and peer authentication, in memory ----

    private static final PeerHandshake NO_MESSAGES = new PeerHandshake()
    {
        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void onClose()
        {
        }
    };

    /** Believes the claimed peer (the benchmark measures the lane, not authentication). */
    private static final PeerAuthenticator TRUSTING = (final ActrId claimedPeer, final boolean offerer,
        final HandshakeTransport transport) ->
    {
        transport.verified(claimedPeer);
        return NO_MESSAGES;
    };

    /** Relays between the nodes of this JVM, on the sender's thread. */
    private static final class RelayHub
    {
        private final Map<ActrId, RelayHandler> handlers = new ConcurrentHashMap<>();

        RelayChannel channel(final ActrId node)
        {
            return new RelayChannel()
            {
                @Override
                public void open(final RelayHandler handler)
                {
                    handlers.put(node, handler);
                }

                @Override
                public boolean send(final ActrRelay relay)
                {
                    final RelayHandler target = handlers.get(relay.getTarget());
                    if (target != null)
                    {
                        target.onRelay(relay);
                    }
                    return target != null;
                }
            };
        }
    }

    // ---- raw webrtc-java plumbing ----

    /** ICE candidates for one peer connection, held until its remote description is set. */
    private static final class CandidateQueue
    {
        private final List<RTCIceCandidate> held = new ArrayList<>();
        private RTCPeerConnection target;

        synchronized void offer(final RTCIceCandidate candidate)
        {
            if (target != null)
            {
                target.addIceCandidate(candidate);
            }
            else
            {
                held.add(candidate);
            }
        }

        synchronized void remoteDescriptionSet(final RTCPeerConnection connection)
        {
            target = connection;
            for (final RTCIceCandidate candidate : held)
            {
                connection.addIceCandidate(candidate);
            }
            held.clear();
        }
    }

    private static PeerConnectionObserver observer(
        final Consumer<RTCIceCandidate> onCandidate, final CompletableFuture<RTCDataChannel> onChannel)
    {
        return new PeerConnectionObserver()
        {
            @Override
            public void onIceCandidate(final RTCIceCandidate candidate)
            {
                onCandidate.accept(candidate);
            }

            @Override
            public void onDataChannel(final RTCDataChannel channel)
            {
                if (onChannel != null)
                {
                    onChannel.complete(channel);
                }
            }
        };
    }

    /** Completes a future when its channel opens; hands each message to a consumer (on the callback thread). */
    private static final class ChannelObserver implements RTCDataChannelObserver
    {
        private final RTCDataChannel channel;
        private final CompletableFuture<Void> open;
        private final Consumer<RTCDataChannelBuffer> onMessage;

        ChannelObserver(
            final RTCDataChannel channel, final CompletableFuture<Void> open, final Consumer<RTCDataChannelBuffer> onMessage)
        {
            this.channel = channel;
            this.open = open;
            this.onMessage = onMessage;
        }

        @Override
        public void onBufferedAmountChange(final long previousAmount)
        {
        }

        @Override
        public void onStateChange()
        {
            if (channel.getState() == RTCDataChannelState.OPEN)
            {
                open.complete(null);
            }
        }

        @Override
        public void onMessage(final RTCDataChannelBuffer buffer)
        {
            onMessage.accept(buffer);
        }
    }

    private static CompletableFuture<RTCSessionDescription> created(
        final RTCPeerConnection connection, final boolean offer)
    {
        final CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
        final CreateSessionDescriptionObserver observer = new CreateSessionDescriptionObserver()
        {
            @Override
            public void onSuccess(final RTCSessionDescription description)
            {
                result.complete(description);
            }

            @Override
            public void onFailure(final String error)
            {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
        if (offer)
        {
            connection.createOffer(new RTCOfferOptions(), observer);
        }
        else
        {
            connection.createAnswer(new RTCAnswerOptions(), observer);
        }
        return result;
    }

    private static CompletableFuture<Void> set(
        final RTCPeerConnection connection, final RTCSessionDescription description, final boolean local)
    {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        final SetSessionDescriptionObserver observer = new SetSessionDescriptionObserver()
        {
            @Override
            public void onSuccess()
            {
                result.complete(null);
            }

            @Override
            public void onFailure(final String error)
            {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
        if (local)
        {
            connection.setLocalDescription(description, observer);
        }
        else
        {
            connection.setRemoteDescription(description, observer);
        }
        return result;
    }

    private static void send(final RTCDataChannel channel, final ByteBuffer exact)
    {
        try
        {
            channel.send(new RTCDataChannelBuffer(exact, true)); // a direct buffer of the message's exact size
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("DataChannel send failed", ex);
        }
    }

    private static void requireTestNetwork()
    {
        try
        {
            if (NetworkInterface.getByInetAddress(InetAddress.getByName("192.0.2.10")) == null)
            {
                throw new IllegalStateException("not in the test network namespace: run under `.ci/netns private " +
                    "benchmarks/bench WebRtcCallBenchmark` (libwebrtc needs a non-loopback interface)");
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
