package dev.actr.engine.replay;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Routes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node whose actor streamed many more reliable chunks to another actor of the node than the stream holds replays
 * identically: the replayed sender gets its credits back as the replayed chunks are delivered, as it did live.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamReplayTest
{
    private static final ActrId SENDER = ActrIds.parse("5e@1/acme:sender:1");
    private static final ActrId RECEIVER = ActrIds.parse("4e@1/acme:receiver:1");
    private static final int CAPACITY = 8;
    private static final int CHUNKS_PER_CALL = 3;
    private static final int CALLS = 20;

    @TempDir
    Path dir;

    @Test
    void shouldReplayAnActorThatStreamedMoreReliableChunksThanTheStreamHoldsIdentically()
    {
        final AtomicLong received = new AtomicLong();
        try (ActrNode node = ActrNode.launch(actors(new NodeContext().directory(dir).journalEnabled(true), received)))
        {
            for (int call = 1; call <= CALLS; call++)
            {
                final long sent = node.host().callBlocking(Dest.workload(SENDER), "t.Send", Int64Value.of(call),
                    Int64Value.parser(), 5_000).getValue();
                assertThat(sent).as("every chunk taken live").isEqualTo(CHUNKS_PER_CALL);
                final long expected = (long)call * CHUNKS_PER_CALL;
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (received.get() < expected && System.nanoTime() - deadlineNs < 0)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
                assertThat(received.get()).isEqualTo(expected);
            }
        }

        final ReplayReport report = Replayer.replay(dir.resolve("journal"), actors(new NodeContext(), new AtomicLong()));

        assertThat(report.isIdentical()).as(report.toString()).isTrue();
        assertThat(report.inputs()).isGreaterThan((long)CALLS * CHUNKS_PER_CALL);
    }

    private static NodeContext actors(final NodeContext ctx, final AtomicLong received)
    {
        return ctx.streamCapacity(CAPACITY)
            .actor(SENDER, routes -> routes.handle("t.Send", Int64Value.parser(), (c, call) ->
            {
                long sent = 0;
                for (int i = 0; i < CHUNKS_PER_CALL; i++)
                {
                    final long sequence = call.getValue() * CHUNKS_PER_CALL + i;
                    final DataChunk chunk = DataChunk.newBuilder().setStreamId("s").setSequence(sequence)
                        .setPayload(ByteString.copyFromUtf8("c" + sequence)).build();
                    sent += c.sendChunk(Dest.workload(RECEIVER), chunk, PayloadType.STREAM_RELIABLE) ==
                        ActorContext.SEND_OK ? 1 : 0;
                }
                return Int64Value.of(sent);
            }))
            .actor(RECEIVER, new Actor()
            {
                @Override
                public void onRegister(final Routes routes)
                {
                }

                @Override
                public void onStart(final ActorContext ctx)
                {
                    ctx.registerStream("s", PayloadType.STREAM_RELIABLE, (c, chunk) -> received.incrementAndGet());
                }
            });
    }
}
