package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Two started lanes in this JVM, ids 1 (the offerer by rule) and 2, joined by an {@link InMemoryRelay}, each with a
 * {@link RecordingIngress}. {@link #connect()} connects them and returns the two connection ids.
 */
final class LanePair implements AutoCloseable
{
    final InMemoryRelay relay = new InMemoryRelay();
    final ActrId idA = InMemoryRelay.id(1);
    final ActrId idB = InMemoryRelay.id(2);
    final RecordingIngress ingressA = new RecordingIngress();
    final RecordingIngress ingressB = new RecordingIngress();
    final WebRtcLane laneA;
    final WebRtcLane laneB;
    long connectionA;
    long connectionB;

    LanePair(final UnaryOperator<WebRtcLaneContext> configA, final UnaryOperator<WebRtcLaneContext> configB)
    {
        laneA = new WebRtcLane(configA.apply(context(idA)));
        laneB = new WebRtcLane(configB.apply(context(idB)));
        laneA.start(ingressA);
        laneB.start(ingressB);
    }

    LanePair()
    {
        this(UnaryOperator.identity(), UnaryOperator.identity());
    }

    WebRtcLaneContext context(final ActrId id)
    {
        return new WebRtcLaneContext()
            .localId(id)
            .relayChannel(relay.channel(id))
            .authenticator(TestAuthenticators.TRUSTING)
            .connectTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .errorHandler(Throwable::printStackTrace);
    }

    LanePair connect() throws InterruptedException
    {
        laneA.connect(idB);
        connectionA = ingressA.expect(RecordingIngress.CONNECTED, 10_000).connectionId;
        connectionB = ingressB.expect(RecordingIngress.CONNECTED, 10_000).connectionId;
        return this;
    }

    @Override
    public void close()
    {
        laneA.close();
        laneB.close();
    }
}
