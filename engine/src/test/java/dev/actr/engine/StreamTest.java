package dev.actr.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Routes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTest
{
    private final List<Long> received = new ArrayList<>();
    private final List<Integer> sendResults = new ArrayList<>();

    private NodeContext node(final PayloadType streamType, final int capacity)
    {
        return new NodeContext()
            .streamCapacity(capacity)
            .actor(Ids.A, routes -> routes.handle("t.Send", Int64Value.parser(), (c, request) ->
            {
                for (long i = 0; i < request.getValue(); i++)
                {
                    sendResults.add(c.sendChunk(Dest.workload(Ids.B), chunk("s1", nextSequence()), streamType));
                }
                return request;
            }))
            .actor(Ids.B, new Actor()
            {
                @Override
                public void onRegister(final Routes routes)
                {
                }

                @Override
                public void onStart(final ActorContext ctx)
                {
                    ctx.registerStream("s1", streamType, (c, chunk) -> received.add(chunk.getSequence()));
                }
            });
    }

    private long sequence;

    private long nextSequence()
    {
        return sequence++;
    }

    private static DataChunk chunk(final String stream, final long sequence)
    {
        return DataChunk.newBuilder().setStreamId(stream).setSequence(sequence)
            .setPayload(ByteString.copyFromUtf8("c" + sequence)).build();
    }

    private static void send(final InvokerHarness h, final int count)
    {
        h.await(h.node.host().call(Dest.workload(Ids.A), "t.Send", Int64Value.of(count), Int64Value.parser()));
        h.drain();
    }

    @Test
    void shouldDeliverChunksInOrder()
    {
        try (InvokerHarness h = new InvokerHarness(node(PayloadType.STREAM_RELIABLE, 64)))
        {
            send(h, 20);

            assertThat(received).containsExactlyElementsOf(range(0, 20));
            assertThat(sendResults).containsOnly(ActorContext.SEND_OK);
            assertThat(h.counter(SystemCounter.CHUNKS)).isEqualTo(20);
        }
    }

    @Test
    void shouldPushBackOnSenderWhenReliableStreamIsFull()
    {
        try (InvokerHarness h = new InvokerHarness(node(PayloadType.STREAM_RELIABLE, 4)))
        {
            send(h, 6);

            assertThat(sendResults).containsExactly(ActorContext.SEND_OK, ActorContext.SEND_OK, ActorContext.SEND_OK,
                ActorContext.SEND_OK, ActorContext.SEND_BACK_PRESSURED, ActorContext.SEND_BACK_PRESSURED);
            assertThat(received).containsExactly(0L, 1L, 2L, 3L);
            assertThat(h.counter(SystemCounter.CHUNKS_DROPPED)).isZero();

            sendResults.clear();
            send(h, 2);
            assertThat(sendResults).as("credits came back once the chunks were consumed")
                .containsOnly(ActorContext.SEND_OK);
        }
    }

    @Test
    void shouldDropOldestChunksOfFullLatencyFirstStreamAndCountThem()
    {
        try (InvokerHarness h = new InvokerHarness(node(PayloadType.STREAM_LATENCY_FIRST, 4)))
        {
            send(h, 10);

            assertThat(sendResults).containsOnly(ActorContext.SEND_OK);
            assertThat(received).containsExactly(6L, 7L, 8L, 9L);
            assertThat(h.counter(SystemCounter.CHUNKS_DROPPED)).isEqualTo(6);
        }
    }

    @Test
    void shouldReportUnreachableStream()
    {
        try (InvokerHarness h = new InvokerHarness(new NodeContext()
            .actor(Ids.A, routes -> routes.handle("t.Send", Int64Value.parser(), (c, request) ->
            {
                sendResults.add(c.sendChunk(Dest.workload(Ids.B), chunk("nope", 0), PayloadType.STREAM_RELIABLE));
                sendResults.add(c.sendChunk(Dest.peer(Ids.B), chunk("nope", 0), PayloadType.STREAM_RELIABLE));
                return request;
            }))
            .actor(Ids.B, routes -> { })))
        {
            send(h, 1);

            assertThat(sendResults).containsExactly(ActorContext.SEND_UNREACHABLE, ActorContext.SEND_UNREACHABLE);
        }
    }

    private static List<Long> range(final long from, final long to)
    {
        final List<Long> values = new ArrayList<>();
        for (long i = from; i < to; i++)
        {
            values.add(i);
        }
        return values;
    }
}
