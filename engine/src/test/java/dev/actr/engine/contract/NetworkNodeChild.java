package dev.actr.engine.contract;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Routes;
import dev.actr.journal.testing.ChildJvm;
import dev.actr.lanes.network.NodeNetwork;
import dev.actr.lanes.network.NodeNetworkContext;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The other process of {@link TwoJvmNetworkTest}: a node on the signaling service (WebSocket lane) that answers
 * echo calls, calls the test's node back by type, and takes a reliable stream, hashing it.
 *
 * <pre>
 *   stdout: READY &lt;its id&gt;
 *           CALLS &lt;calls answered by the other node&gt;
 *           STREAM &lt;bytes&gt; &lt;sha-256 hex&gt;
 * </pre>
 * Arguments: {@code signalingUri ownType peerType calls streamBytes} (types as {@code manufacturer:name:version}).
 */
final class NetworkNodeChild
{
    static final String STREAM_ID = "bulk";
    private static final ActrId LOCAL = ActrIds.parse("b2@1/contract:child:1");

    private NetworkNodeChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        final String signalingUri = args[0];
        final ActrType ownType = ActrIds.parseType(args[1]);
        final ActrType peerType = ActrIds.parseType(args[2]);
        final int calls = Integer.parseInt(args[3]);
        final long streamBytes = Long.parseLong(args[4]);
        final StreamSink sink = new StreamSink();
        final NodeNetwork network = new NodeNetwork(new NodeNetworkContext().signalingUri(signalingUri)
            .actrType(ownType));
        try (ActrNode node = ActrNode.launch(new NodeContext().actor(LOCAL, sink).lane(network)))
        {
            System.out.println("READY " + ActrIds.format(network.registered().get(30, TimeUnit.SECONDS).id()));
            System.out.flush();
            final List<ActrId> found = node.host().discover(peerType).get(30, TimeUnit.SECONDS);
            int answered = 0;
            for (int i = 0; i < calls; i++)
            {
                final CompletableFuture<Int64Value> reply = node.host().call(Dest.peer(found.get(0)),
                    ContractActor.ECHO, Int64Value.of(i), Int64Value.parser(), 10_000);
                try
                {
                    answered += reply.get(30, TimeUnit.SECONDS).getValue() == i + 1 ? 1 : 0;
                }
                catch (final Exception ex)
                {
                    System.err.println("call " + i + " to " + ActrIds.format(found.get(0)) + " failed: " + ex +
                        "\n" + node.counters());
                    throw ex;
                }
            }
            System.out.println("CALLS " + answered);
            System.out.flush();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (sink.bytes.get() < streamBytes && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            System.out.println("STREAM " + sink.bytes.get() + " " + sink.digest());
            System.out.flush();
        }
    }

    /** Answers echoes and hashes the bulk stream, in order. */
    private static final class StreamSink implements Actor
    {
        final AtomicLong bytes = new AtomicLong();
        private final MessageDigest sha256;
        private long nextSequence;

        StreamSink() throws Exception
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void onRegister(final Routes routes)
        {
            routes.handle(ContractActor.ECHO, Int64Value.parser(), (ctx, request) -> Int64Value.of(request.getValue() + 1));
        }

        @Override
        public void onStart(final ActorContext ctx)
        {
            ctx.registerStream(STREAM_ID, PayloadType.STREAM_RELIABLE, (c, chunk) ->
            {
                if (chunk.getSequence() != nextSequence++)
                {
                    throw new IllegalStateException("chunk " + chunk.getSequence() + " out of order");
                }
                sha256.update(chunk.getPayload().asReadOnlyByteBuffer());
                bytes.addAndGet(chunk.getPayload().size());
            });
        }

        /**
         * @return the digest of what arrived; read once every byte has (the byte count orders the reads).
         */
        String digest() throws Exception
        {
            return HexFormat.of().formatHex(((MessageDigest)sha256.clone()).digest());
        }
    }
}
