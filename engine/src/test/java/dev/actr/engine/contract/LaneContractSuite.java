package dev.actr.engine.contract;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.PayloadType;
import dev.actr.codec.proto.RpcEnvelope;
import dev.actr.engine.ActrNode;
import dev.actr.engine.CallFailedException;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SendResult;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Dest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The contract every network lane must keep, run on two or three real nodes joined by the lane under test: calls
 * both ways, nested calls across nodes, tells, chunks on both stream kinds, a disconnect in the middle of calls, a
 * reconnect, a response from the wrong peer, a retried remote request, and a remote request id equal to a local
 * correlation id. Each lane's test extends it with a {@link LaneFixture}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class LaneContractSuite
{
    static final ActrId NODE_A = ActrIds.parse("a1@1/contract:node:1");
    static final ActrId NODE_B = ActrIds.parse("b2@1/contract:node:1");
    static final ActrId NODE_C = ActrIds.parse("c3@1/contract:node:1");
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final long WAIT_MS = 10_000;

    private LaneFixture fixture;
    private final List<ActrNode> nodes = new ArrayList<>();
    private final List<ContractActor> actors = new ArrayList<>();

    /**
     * @return a fixture of the lane under test.
     */
    protected abstract LaneFixture newFixture();

    @AfterEach
    void closeFixture()
    {
        if (fixture != null)
        {
            fixture.close();
        }
    }

    private void launch(final int count)
    {
        fixture = newFixture();
        final ActrId[] ids = {NODE_A, NODE_B, NODE_C};
        final ActrId[] relayTo = {NODE_B, NODE_A, NODE_A};
        for (int i = 0; i < count; i++)
        {
            final ContractActor actor = new ContractActor(relayTo[i]);
            actors.add(actor);
            nodes.add(fixture.launch(i, ids[i], new NodeContext().actor(ids[i], actor)));
        }
    }

    private void connect(final int from, final int to)
    {
        final long before = nodes.get(from).counter(SystemCounter.PEERS_CONNECTED);
        final long beforeOther = nodes.get(to).counter(SystemCounter.PEERS_CONNECTED);
        fixture.connect(from, to);
        await(() -> nodes.get(from).counter(SystemCounter.PEERS_CONNECTED) > before &&
            nodes.get(to).counter(SystemCounter.PEERS_CONNECTED) > beforeOther, "both nodes see the connection");
    }

    @Test
    void shouldCallBothWays() throws Exception
    {
        launch(2);
        connect(A, B);

        assertThat(call(A, NODE_B, ContractActor.ECHO, 1)).isEqualTo(2);
        assertThat(call(B, NODE_A, ContractActor.ECHO, 5)).isEqualTo(6);
        assertThat(nodes.get(A).host().callBlocking(Dest.peer(NODE_B), ContractActor.ECHO, Int64Value.of(7),
            Int64Value.parser(), WAIT_MS).getValue()).isEqualTo(8);
        assertThat(actors.get(A).peerEvents).containsExactly("up b2");
        assertThat(actors.get(B).peerEvents).containsExactly("up a1");
    }

    @Test
    void shouldMakeNestedCallsAcrossNodesBothWays() throws Exception
    {
        launch(2);
        connect(A, B);

        assertThat(nodes.get(A).host().call(Dest.workload(NODE_A), ContractActor.RELAY, Int64Value.of(3),
            Int64Value.parser(), WAIT_MS).get(WAIT_MS, TimeUnit.MILLISECONDS).getValue())
            .as("A's actor calls B and answers").isEqualTo(40);
        assertThat(call(A, NODE_B, ContractActor.RELAY, 7))
            .as("A calls B, whose actor calls A back before answering").isEqualTo(80);
    }

    @Test
    void shouldNameTheCallingPeerToTheHandler() throws Exception
    {
        launch(2);
        connect(A, B);

        call(B, NODE_A, ContractActor.WHO, 1);
        nodes.get(A).host().call(Dest.workload(NODE_A), ContractActor.WHO, Int64Value.of(1), Int64Value.parser(),
            WAIT_MS).get(WAIT_MS, TimeUnit.MILLISECONDS);

        assertThat(actors.get(A).callers).containsExactly("b2", "host");
    }

    @Test
    void shouldDeliverTellsToAPeer()
    {
        launch(2);
        connect(A, B);

        for (int i = 1; i <= 3; i++)
        {
            assertThat(nodes.get(A).host().tell(Dest.peer(NODE_B), ContractActor.NOTE, Int64Value.of(i)))
                .isEqualTo(SendResult.OK);
        }

        await(() -> actors.get(B).notes.get() == 6, "the three tells handled");
    }

    @Test
    void shouldStreamChunksInOrderOnBothStreamKinds() throws Exception
    {
        launch(2);
        connect(A, B);
        final int count = 200;

        assertThat(nodes.get(A).host().call(Dest.workload(NODE_A), ContractActor.STREAM, Int64Value.of(count),
            Int64Value.parser(), WAIT_MS).get(WAIT_MS, TimeUnit.MILLISECONDS).getValue())
            .as("chunks refused by the sender").isZero();

        await(() -> actors.get(B).reliableChunks.size() == count, "every reliable chunk");
        await(() -> actors.get(B).latencyChunks.size() +
            nodes.get(B).counter(SystemCounter.CHUNKS_DROPPED) >= count, "every latency-first chunk, or its drop");
        assertThat(actors.get(B).reliableChunks).isSorted().doesNotHaveDuplicates();
        assertThat(actors.get(B).latencyChunks).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldFailPendingCallsAtOnceWhenThePeerDisconnects()
    {
        launch(2);
        connect(A, B);
        final List<CompletableFuture<Int64Value>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            calls.add(nodes.get(A).host().call(Dest.peer(NODE_B), ContractActor.HOLD, Int64Value.of(i),
                Int64Value.parser(), 60_000));
        }
        await(() -> actors.get(B).held.size() == 5, "B holds the five calls");
        final long disconnectedAtNs = System.nanoTime();

        fixture.disconnect(A, B);

        for (final CompletableFuture<Int64Value> call : calls)
        {
            assertErrorCode(call, ErrorCode.CONNECTION_NOT_READY);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disconnectedAtNs))
            .as("failed at the disconnect, not at their 60 s deadline").isLessThan(WAIT_MS);
        await(() -> actors.get(A).peerEvents.contains("down b2"), "A's actor told of the disconnect");
    }

    @Test
    void shouldConnectOnDemandAndSendWhatWaitedForTheConnection() throws Exception
    {
        launch(2);

        final List<CompletableFuture<Int64Value>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            calls.add(nodes.get(A).host().call(Dest.peer(NODE_B), ContractActor.ECHO, Int64Value.of(i),
                Int64Value.parser(), WAIT_MS));
        }

        for (int i = 0; i < 20; i++)
        {
            assertThat(calls.get(i).get(WAIT_MS, TimeUnit.MILLISECONDS).getValue()).isEqualTo(i + 1);
        }
        assertThat(nodes.get(A).counter(SystemCounter.PEER_CONNECTS)).as("one connection asked for").isEqualTo(1);
        assertThat(call(B, NODE_A, ContractActor.ECHO, 1)).as("and it carries calls both ways").isEqualTo(2);
    }

    @Test
    void shouldFailCallsToAPeerThatCannotBeReached()
    {
        launch(1);

        assertErrorCode(nodes.get(A).host().call(Dest.peer(NODE_C), ContractActor.ECHO, Int64Value.of(1),
            Int64Value.parser(), 60_000), ErrorCode.CONNECTION_NOT_READY);
        await(() -> nodes.get(A).counter(SystemCounter.PEER_CONNECTS_FAILED) == 1, "the failed connect counted");
    }

    @Test
    void shouldCallAgainAfterAReconnect() throws Exception
    {
        launch(2);
        connect(A, B);
        assertThat(call(A, NODE_B, ContractActor.ECHO, 1)).isEqualTo(2);
        fixture.disconnect(A, B);
        await(() -> nodes.get(A).counter(SystemCounter.PEERS_DISCONNECTED) == 1 &&
            nodes.get(B).counter(SystemCounter.PEERS_DISCONNECTED) == 1, "both see the disconnect");

        connect(B, A);

        assertThat(call(A, NODE_B, ContractActor.ECHO, 10)).isEqualTo(11);
        assertThat(call(B, NODE_A, ContractActor.ECHO, 20)).isEqualTo(21);
    }

    @Test
    void shouldDropAResponseFromTheWrongPeer() throws Exception
    {
        launch(3);
        connect(A, B);
        connect(C, A);
        final CompletableFuture<Int64Value> call = nodes.get(A).host().call(Dest.peer(NODE_B), ContractActor.HOLD,
            Int64Value.of(1), Int64Value.parser(), WAIT_MS);
        await(() -> actors.get(B).heldRequestIds.size() == 1, "B holds the call");
        final String requestId = actors.get(B).heldRequestIds.get(0);

        fixture.sendRaw(C, A, PayloadType.RPC_RELIABLE_VALUE, envelope(Direction.RESPONSE, requestId, 0, 999));

        await(() -> nodes.get(A).counter(SystemCounter.RESPONSES_WRONG_SOURCE) == 1, "the forged response dropped");
        assertThat(call).as("still waiting for B").isNotDone();
        release(B, requestId);
        assertThat(call.get(WAIT_MS, TimeUnit.MILLISECONDS).getValue()).as("B's own answer").isEqualTo(-1);
    }

    @Test
    void shouldRunARetriedRemoteRequestOnceAndAnswerBoth()
    {
        launch(2);
        connect(A, B);
        final byte[] request = envelope(Direction.REQUEST, "6f1c2e0a-retried-uuid", 5_000, 1);

        fixture.sendRaw(B, A, PayloadType.RPC_RELIABLE_VALUE, request);
        fixture.sendRaw(B, A, PayloadType.RPC_RELIABLE_VALUE, request);

        await(() -> nodes.get(B).counter(SystemCounter.RESPONSES_UNMATCHED) == 2, "both answers reached B");
        assertThat(actors.get(A).echoes).as("ran once").hasValue(1);
        assertThat(nodes.get(A).counter(SystemCounter.DUPLICATES)).isEqualTo(1);
    }

    @Test
    void shouldKeepARemoteRequestIdApartFromALocalCorrelationId() throws Exception
    {
        launch(2);
        connect(A, B);
        final CompletableFuture<Int64Value> call = nodes.get(A).host().call(Dest.peer(NODE_B), ContractActor.HOLD,
            Int64Value.of(1), Int64Value.parser(), WAIT_MS);
        await(() -> actors.get(B).heldRequestIds.size() == 1, "B holds the call");
        final String sameId = actors.get(B).heldRequestIds.get(0);

        fixture.sendRaw(B, A, PayloadType.RPC_RELIABLE_VALUE, envelope(Direction.REQUEST, sameId, 5_000, 4));

        await(() -> actors.get(A).echoes.get() == 1, "B's request with A's id ran as a request");
        await(() -> nodes.get(B).counter(SystemCounter.RESPONSES_UNMATCHED) == 1, "its answer went to B");
        assertThat(call).as("A's own call is not answered by it").isNotDone();
        release(B, sameId);
        assertThat(call.get(WAIT_MS, TimeUnit.MILLISECONDS).getValue()).isEqualTo(-1);
    }

    private long call(final int from, final ActrId to, final dev.actr.engine.actor.RouteKey route, final long value)
        throws Exception
    {
        return nodes.get(from).host().call(Dest.peer(to), route, Int64Value.of(value), Int64Value.parser(), WAIT_MS)
            .get(WAIT_MS, TimeUnit.MILLISECONDS).getValue();
    }

    private void release(final int node, final String requestId) throws Exception
    {
        final ActrId self = node == A ? NODE_A : node == B ? NODE_B : NODE_C;
        assertThat(nodes.get(node).host().call(Dest.workload(self), ContractActor.RELEASE, StringValue.of(requestId),
            Int64Value.parser(), WAIT_MS).get(WAIT_MS, TimeUnit.MILLISECONDS).getValue()).isEqualTo(1);
    }

    private static byte[] envelope(final Direction direction, final String requestId, final long timeoutMs,
        final long value)
    {
        return RpcEnvelope.newBuilder()
            .setRouteKey(ContractActor.ECHO.name())
            .setPayload(Int64Value.of(value).toByteString())
            .setDirection(direction)
            .setRequestId(requestId)
            .setTimeoutMs(timeoutMs)
            .build().toByteArray();
    }

    private static void assertErrorCode(final CompletableFuture<?> call, final ErrorCode code)
    {
        try
        {
            call.get(WAIT_MS, TimeUnit.MILLISECONDS);
            fail("expected " + code + ", the call succeeded");
        }
        catch (final ExecutionException ex)
        {
            assertThat(ex.getCause()).isInstanceOf(CallFailedException.class);
            assertThat(((CallFailedException)ex.getCause()).errorCode()).as(ex.getCause().getMessage())
                .isEqualTo(code.code());
        }
        catch (final Exception ex)
        {
            throw new AssertionError("the call did not complete", ex);
        }
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
