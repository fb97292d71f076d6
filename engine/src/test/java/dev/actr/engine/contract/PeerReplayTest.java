package dev.actr.engine.contract;

import com.google.protobuf.Int64Value;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.lanes.inproc.InProcessLane;
import dev.actr.lanes.inproc.InProcessNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.actr.engine.contract.LaneContractSuite.NODE_A;
import static dev.actr.engine.contract.LaneContractSuite.NODE_B;
import static dev.actr.engine.contract.LaneContractSuite.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that served and called a peer of another node replays identically: the peer's connection and disconnect
 * are dispatch inputs, so the replay gives the peer the same caller index and sends the same outputs to it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerReplayTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReplayANodeThatServedAndCalledAPeerIdentically() throws Exception
    {
        final InProcessNetwork network = new InProcessNetwork();
        try (ActrNode a = ActrNode.launch(new NodeContext().directory(dir).journalEnabled(true)
            .actor(NODE_A, new ContractActor(NODE_B)).lane(new InProcessLane(network, NODE_A)));
            ActrNode b = ActrNode.launch(new NodeContext().actor(NODE_B, new ContractActor(NODE_A))
                .lane(new InProcessLane(network, NODE_B))))
        {
            final InProcessLane bLane = (InProcessLane)b.context().lanes().get(0);
            bLane.connect(NODE_A);
            await(() -> a.counter(SystemCounter.PEERS_CONNECTED) == 1 && b.counter(SystemCounter.PEERS_CONNECTED) == 1,
                "connected");
            for (int i = 0; i < 5; i++)
            {
                assertThat(b.host().call(Dest.peer(NODE_A), ContractActor.ECHO, Int64Value.of(i), Int64Value.parser(),
                    5_000).get(5, TimeUnit.SECONDS).getValue()).isEqualTo(i + 1);
                assertThat(a.host().call(Dest.workload(NODE_A), ContractActor.RELAY, Int64Value.of(i),
                    Int64Value.parser(), 5_000).get(5, TimeUnit.SECONDS).getValue()).isEqualTo((i + 1) * 10);
            }
            b.host().tell(Dest.peer(NODE_A), ContractActor.NOTE, Int64Value.of(3));
            await(() -> a.counter(SystemCounter.TELLS) == 1, "the tell");
            bLane.disconnectFrom(NODE_A);
            await(() -> a.counter(SystemCounter.PEERS_DISCONNECTED) == 1, "disconnected");
        }

        final ReplayReport report = Replayer.replay(dir.resolve("journal"),
            new NodeContext().actor(NODE_A, new ContractActor(NODE_B)));

        assertThat(report.isIdentical()).as(report.toString()).isTrue();
        assertThat(report.inputs()).as("start, peer up, 5 calls, 5 relays with their 5 responses, a tell, peer down")
            .isGreaterThanOrEqualTo(18);
    }
}
