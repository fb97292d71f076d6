package dev.actr.engine.contract;

/**
 * The lane contract over the in-process lane (no sockets).
 */
class InProcessLaneContractTest extends LaneContractSuite
{
    @Override
    protected LaneFixture newFixture()
    {
        return new InProcessLaneFixture();
    }
}
