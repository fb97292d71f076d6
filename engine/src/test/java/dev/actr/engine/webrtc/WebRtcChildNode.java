package dev.actr.engine.webrtc;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.lanes.webrtc.WebRtcLane;
import dev.actr.lanes.webrtc.WebRtcLaneContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM's node of {@link WebRtcTwoNodeTest}: a {@link TwoNodeActor} on a node with a {@link WebRtcLane}
 * whose relay is a {@link LineRelay} over stdin and stdout. Prints {@code ready <id>} once launched; runs until its
 * stdin closes or it is killed.
 */
public final class WebRtcChildNode
{
    /** Prefix of the line printed once the node runs. */
    public static final String READY = "ready";

    private WebRtcChildNode()
    {
    }

    /**
     * @param args this node's id, then the peer's id.
     * @throws Exception when the node cannot start or stdin cannot be read.
     */
    public static void main(final String[] args) throws Exception
    {
        final ActrId self = ActrIds.parse(args[0]);
        final ActrId peer = ActrIds.parse(args[1]);
        final PrintStream out = System.out;
        final LineRelay relay = new LineRelay(line ->
        {
            out.println(line);
            if (out.checkError())
            {
                throw new IllegalStateException("stdout closed");
            }
        });
        final WebRtcLane lane = new WebRtcLane(new WebRtcLaneContext()
            .localId(self)
            .relayChannel(relay)
            .authenticator(TrustingAuthenticator.INSTANCE)
            .keepaliveIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .keepaliveTimeoutNs(TimeUnit.SECONDS.toNanos(5))
            .iceRestartAttempts(0));
        // Ring slots that hold a whole stream chunk: no array per received frame, and none kept by a slot (the
        // child's heap is 256 MB; 1024 slots of 20 KiB preallocated).
        final NodeContext context = new NodeContext().ringSize(1024).ringSlotBytes(20 * 1024);
        try (ActrNode node = ActrNode.launch(context.actor(self, new TwoNodeActor(peer)).lane(lane)))
        {
            out.println(READY + " " + ActrIds.format(node.context().actorIds().get(0)));
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null)
            {
                relay.onLine(line);
            }
        }
    }
}
