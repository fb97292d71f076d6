package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import org.agrona.DirectBuffer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A peer in a child JVM: a {@link WebRtcLane} with id {@code args[0]} whose relay is its stdin/stdout, echoing every
 * frame back on the same payload type. Logs to stderr. Runs until killed or its stdin closes.
 */
public final class WebRtcChildPeer
{
    private WebRtcChildPeer()
    {
    }

    /**
     * @param args the child's serial number, keep-alive interval and timeout in ms.
     * @throws InterruptedException never in practice.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final ActrId id = InMemoryRelay.id(Long.parseLong(args[0]));
        final long intervalMs = Long.parseLong(args[1]);
        final long timeoutMs = Long.parseLong(args[2]);
        final WebRtcLane[] lane = new WebRtcLane[1];
        final CountDownLatch done = new CountDownLatch(1);
        lane[0] = new WebRtcLane(new WebRtcLaneContext()
            .localId(id)
            .relayChannel(new StreamRelay(System.in, System.out, "child-relay"))
            .authenticator(TestAuthenticators.TRUSTING)
            .keepaliveIntervalNs(TimeUnit.MILLISECONDS.toNanos(intervalMs))
            .keepaliveTimeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs)));
        lane[0].start(new LaneIngress()
        {
            private long next = 1;

            @Override
            public synchronized long nextConnectionId()
            {
                return next++;
            }

            @Override
            public int onFrame(
                final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
            {
                final int result = lane[0].send(connectionId, payloadType, buffer, offset, length);
                return result == Lane.OK ? Lane.OK : Lane.BACK_PRESSURED;
            }

            @Override
            public void onConnected(final long connectionId, final ActrId peer, final Lane from)
            {
                System.err.println("child: connected " + connectionId + " to " + peer.getSerialNumber());
            }

            @Override
            public void onDisconnected(final long connectionId, final int reason)
            {
                System.err.println("child: disconnected " + connectionId);
                done.countDown();
            }

            @Override
            public void onConnectFailed(final ActrId peer, final int reason)
            {
                System.err.println("child: connect failed");
            }
        });
        done.await();
        lane[0].close();
    }
}
