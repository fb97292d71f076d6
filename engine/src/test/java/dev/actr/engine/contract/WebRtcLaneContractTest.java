package dev.actr.engine.contract;

import dev.actr.engine.webrtc.TestNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The lane contract over the WebRTC DataChannel lane: real webrtc-java peers in this JVM, in the test network
 * namespace (the engine module's webrtc-netns execution).
 */
@Tag("netns")
class WebRtcLaneContractTest extends LaneContractSuite
{
    @BeforeEach
    void network()
    {
        TestNamespace.assumeAvailable();
    }

    @Override
    protected LaneFixture newFixture()
    {
        return new WebRtcLaneFixture();
    }
}
