package dev.actr.engine.contract;

import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.CallFailedException;
import dev.actr.engine.NodeContext;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.actor.RouteKey;
import dev.actr.engine.actor.Routes;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.lanes.PeerDiscovery;
import dev.actr.lanes.inproc.InProcessLane;
import dev.actr.lanes.inproc.InProcessNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.actr.engine.contract.LaneContractSuite.NODE_A;
import static dev.actr.engine.contract.LaneContractSuite.NODE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Discovery by type from an actor (its continuation runs on the engine thread; a replay feeds the same ids back) and
 * from the host.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryTest
{
    private static final RouteKey FIND_AND_CALL = RouteKey.of("contract.Finder.FindAndCall");

    @TempDir
    Path dir;

    /** Discovers nodes of NODE_B's type and calls the first one's echo. */
    private static final class Finder implements Actor
    {
        @Override
        public void onRegister(final Routes routes)
        {
            routes.handle(FIND_AND_CALL, Int64Value.parser(), (ctx, request) ->
            {
                final DeferredReply<Int64Value> deferred = ctx.defer();
                ctx.discover(NODE_B.getType()).then(new ReplyHandler<>()
                {
                    @Override
                    public void onReply(final ActorContext c, final List<ActrId> found)
                    {
                        if (found.isEmpty())
                        {
                            deferred.fail(ErrorCode.NOT_FOUND.code(), "nothing of that type");
                            return;
                        }
                        c.call(Dest.peer(found.get(0)), ContractActor.ECHO, request, Int64Value.parser(), 5_000)
                            .then(new ReplyHandler<>()
                            {
                                @Override
                                public void onReply(final ActorContext c2, final Int64Value response)
                                {
                                    deferred.reply(response);
                                }

                                @Override
                                public void onError(final ActorContext c2, final int errorCode, final String message)
                                {
                                    deferred.fail(errorCode, message);
                                }
                            });
                    }

                    @Override
                    public void onError(final ActorContext c, final int errorCode, final String message)
                    {
                        deferred.fail(errorCode, message);
                    }
                });
                return null;
            });
        }
    }

    @Test
    void shouldDiscoverAPeerByTypeFromAnActorCallItAndReplayIdentically() throws Exception
    {
        final InProcessNetwork network = new InProcessNetwork();
        final PeerDiscovery discovery = type -> CompletableFuture.supplyAsync(() ->
            type.equals(NODE_B.getType()) ? List.of(NODE_B) : List.of());
        try (ActrNode b = ActrNode.launch(new NodeContext().actor(NODE_B, new ContractActor(NODE_A))
                .lane(new InProcessLane(network, NODE_B)));
            ActrNode a = ActrNode.launch(new NodeContext().directory(dir).journalEnabled(true).discovery(discovery)
                .actor(NODE_A, new Finder()).lane(new InProcessLane(network, NODE_A))))
        {
            for (int i = 0; i < 3; i++)
            {
                assertThat(a.host().call(Dest.workload(NODE_A), FIND_AND_CALL, Int64Value.of(i), Int64Value.parser(),
                    5_000).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(i + 1);
            }
            assertThat(a.host().discover(NODE_B.getType()).get(10, TimeUnit.SECONDS)).containsExactly(NODE_B);
            assertThat(a.host().discover(ActrType.newBuilder().setManufacturer("x").setName("none").build())
                .get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(b.counter(dev.actr.engine.SystemCounter.REQUESTS)).as("the peer served the calls").isEqualTo(3);
        }

        final ReplayReport report = Replayer.replay(dir.resolve("journal"),
            new NodeContext().actor(NODE_A, new Finder()));

        assertThat(report.isIdentical()).as(report.toString()).isTrue();
    }

    @Test
    void shouldAnswerUnavailableWithoutDiscovery()
    {
        try (ActrNode a = ActrNode.launch(new NodeContext().actor(NODE_A, new Finder())))
        {
            assertThatThrownBy(() -> a.host().call(Dest.workload(NODE_A), FIND_AND_CALL, Int64Value.of(1),
                Int64Value.parser(), 5_000).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CallFailedException.class).hasMessageContaining("no discovery");
            assertThatThrownBy(() -> a.host().discover(NODE_B.getType()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(CallFailedException.class);
        }
    }
}
