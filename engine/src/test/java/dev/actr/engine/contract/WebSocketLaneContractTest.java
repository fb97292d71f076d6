package dev.actr.engine.contract;

/**
 * The lane contract over real WebSocket connections on loopback, every connection authenticated.
 */
class WebSocketLaneContractTest extends LaneContractSuite
{
    @Override
    protected LaneFixture newFixture()
    {
        return new WebSocketLaneFixture();
    }
}
