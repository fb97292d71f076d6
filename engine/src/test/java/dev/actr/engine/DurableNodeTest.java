package dev.actr.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.RpcEnvelope;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.FsyncPolicy;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MailboxHandler;
import dev.actr.journal.mailbox.MessagePriority;
import dev.actr.journal.replay.DumpFilter;
import dev.actr.journal.replay.JournalDump;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalStats;
import dev.actr.codec.FrameKind;
import dev.actr.engine.internal.Incarnation;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableNodeTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRedeliverUnansweredRequestToTheNextRunOnTheSameDirectory()
    {
        final List<Long> seen = new ArrayList<>();
        final NodeContext first = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Park", Int64Value.parser(), (c, request) ->
            {
                seen.add(request.getValue());
                c.defer();
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(first))
        {
            h.node.host().call(Dest.workload(Ids.A), "t.Park", Int64Value.of(7), Int64Value.parser(), 60_000);
            h.drain();
            assertThat(seen).containsExactly(7L);
        }
        assertThat(Files.isDirectory(dir.resolve("mailbox"))).isTrue();

        final NodeContext second = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Park", Int64Value.parser(), (c, request) ->
            {
                seen.add(request.getValue() * 10);
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(second))
        {
            h.drain();

            assertThat(seen).as("the unacked request ran again after the restart").containsExactly(7L, 70L);
            assertThat(h.counter(SystemCounter.RESPONSES_UNMATCHED)).as("its caller is gone").isEqualTo(1);
        }
    }

    @Test
    void shouldNotRedeliverAnsweredRequests()
    {
        final List<Long> seen = new ArrayList<>();
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Echo", Int64Value.parser(), (c, request) ->
            {
                seen.add(request.getValue());
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            h.await(h.node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(1), Int64Value.parser()));
        }
        try (InvokerHarness h = new InvokerHarness(new NodeContext().directory(dir).actor(Ids.A, routes ->
            routes.handle("t.Echo", Int64Value.parser(), (c, request) ->
            {
                seen.add(-1L);
                return request;
            }))))
        {
            h.drain();
        }
        assertThat(seen).containsExactly(1L);
    }

    @Test
    void shouldAnswerRetriedRequestAndDropRetriedTellFromDedupStateAfterRestart()
    {
        final List<Long> seen = new ArrayList<>();
        final UnsafeBuffer request = envelope(Direction.REQUEST, "777000", 60_000, 5);
        final UnsafeBuffer tell = envelope(Direction.TELL, "tell-uuid-1", 0, 6);
        for (int run = 0; run < 2; run++)
        {
            final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
                "t.Once", Int64Value.parser(), (c, value) ->
                {
                    seen.add(value.getValue());
                    return value;
                }));
            try (InvokerHarness h = new InvokerHarness(ctx))
            {
                h.node.ingressRing().offer(FrameKind.ENVELOPE, 0, 1, 0, request, 0, request.capacity());
                h.node.ingressRing().offer(FrameKind.ENVELOPE, 0, 1, 0, tell, 0, tell.capacity());
                h.drain();
                assertThat(h.counter(SystemCounter.DUPLICATES)).as("run %d", run).isEqualTo(run == 0 ? 0 : 2);
                assertThat(h.counter(SystemCounter.RESPONSES_UNMATCHED)).as("a reply went out, run %d", run)
                    .isEqualTo(1);
            }
        }
        assertThat(seen).as("each ran once, in the first run only").containsExactly(5L, 6L);
    }

    @Test
    void shouldNotReuseRequestIdsOfAnEarlierRunOnTheSameDirectory()
    {
        final List<Long> seen = new ArrayList<>();
        for (int run = 0; run < 2; run++)
        {
            final NodeContext ctx = new NodeContext().directory(dir)
                .actor(Ids.A, routes -> routes.handle("t.Ask", Int64Value.parser(), (c, value) ->
                {
                    seen.add(value.getValue());
                    final DeferredReply<Int64Value> deferred = c.defer();
                    c.call(Dest.workload(Ids.B), "t.Square", value, Int64Value.parser()).then(
                        new ReplyHandler<Int64Value>()
                        {
                            public void onReply(final ActorContext ctx, final Int64Value response)
                            {
                                deferred.reply(response);
                            }

                            public void onError(final ActorContext ctx, final int errorCode, final String message)
                            {
                                deferred.fail(errorCode, message);
                            }
                        });
                    return null;
                }))
                .actor(Ids.B, routes -> routes.handle("t.Square", Int64Value.parser(), (c, value) ->
                    Int64Value.of(value.getValue() * value.getValue())));
            try (InvokerHarness h = new InvokerHarness(ctx))
            {
                final long value = run + 2;
                assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.Ask", Int64Value.of(value),
                    Int64Value.parser())).getValue()).as("run %d", run).isEqualTo(value * value);
                assertThat(h.counter(SystemCounter.DUPLICATES)).as("run %d", run).isZero();
            }
        }
        assertThat(seen).containsExactly(2L, 3L);
    }

    @Test
    void shouldRefuseToLaunchOnACorruptRunCount() throws Exception
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(Incarnation.FILE_NAME), "seven\n");
        final NodeContext ctx = new NodeContext().directory(dir).threadingMode(ThreadingMode.INVOKER)
            .actor(Ids.A, routes -> routes.handle("t.Echo", Int64Value.parser(), (c, value) -> value));

        assertThatThrownBy(() -> ActrNode.launch(ctx)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("is corrupt: \"seven\" is not a run count");
    }

    @Test
    void shouldCountRunsOnTheSameDirectory()
    {
        assertThat(Incarnation.next(dir)).isEqualTo(1);
        assertThat(Incarnation.next(dir)).isEqualTo(2);
        assertThat(Incarnation.nextCorrelationBase(dir)).isEqualTo(3L << Incarnation.BASE_SHIFT);
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void shouldAnswerCommitAndNotRunAgainAfterARestartUnderEveryFsyncPolicy(final FsyncPolicy policy)
    {
        final List<Long> seen = new ArrayList<>();
        for (int run = 0; run < 2; run++)
        {
            final NodeContext ctx = new NodeContext().directory(dir).fsyncPolicy(policy).actor(Ids.A, routes ->
                routes.handle("t.Add", Int64Value.parser(), (c, value) ->
                {
                    seen.add(value.getValue());
                    final byte[] effect = {(byte)value.getValue()};
                    c.effect(new UnsafeBuffer(effect), 0, 1);
                    return Int64Value.of(value.getValue() + 1);
                }));
            try (InvokerHarness h = new InvokerHarness(ctx))
            {
                if (run == 0)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.Add", Int64Value.of(i),
                            Int64Value.parser())).getValue()).isEqualTo(i + 1);
                    }
                }
                h.drain();
                assertThat(h.counter(SystemCounter.DUPLICATES)).as("every ack of the first run was applied, %s", policy)
                    .isZero();
            }
        }
        assertThat(seen).as("acks of the first run all applied, nothing redelivered")
            .containsExactly(0L, 1L, 2L, 3L, 4L);
        final List<Byte> effects = new ArrayList<>();
        try (EffectReader reader = ActrNode.effectReader(dir))
        {
            reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
                effects.add(buffer.getByte(offset)), 100);
        }
        assertThat(effects).containsExactly((byte)0, (byte)1, (byte)2, (byte)3, (byte)4);
    }

    @Test
    void shouldNotTakeRequestIdsThatOnlyLookAlikeForDuplicates()
    {
        final List<Long> seen = new ArrayList<>();
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Once", Int64Value.parser(), (c, value) ->
            {
                seen.add(value.getValue());
                return value;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            for (final String requestId : new String[] {"42", "042", "0042", "42"})
            {
                final UnsafeBuffer request = envelope(Direction.REQUEST, requestId, 60_000, requestId.length());
                h.node.ingressRing().offer(FrameKind.ENVELOPE, 0, 1, 0, request, 0, request.capacity());
            }
            h.drain();
            assertThat(h.counter(SystemCounter.DUPLICATES)).as("only the second \"42\"").isEqualTo(1);
        }
        assertThat(seen).containsExactly(2L, 3L, 4L);
    }

    @Test
    void shouldNotRunAgainACommittedRequestWhoseAckWasLostWhenTheRestartComesAfterTheWindow()
    {
        final List<Long> seen = new ArrayList<>();
        final Actor counting = routes -> routes.handle("t.Once", Int64Value.parser(), (c, value) ->
        {
            seen.add(value.getValue());
            final byte[] effect = {(byte)value.getValue()};
            c.effect(new UnsafeBuffer(effect), 0, 1);
            return value;
        });
        final ManualClock clock = new ManualClock();
        final NodeContext first = new NodeContext().directory(dir).threadingMode(ThreadingMode.INVOKER).clock(clock)
            .dedupWindowNs(TimeUnit.SECONDS.toNanos(1)).actor(Ids.A, counting)
            .mailboxSupplier(() -> new AckLosingMailbox(ChronicleMailbox.open(
                new ChronicleMailboxContext().directory(dir.resolve("mailbox")))));
        try (ActrNode node = ActrNode.launch(first))
        {
            final CompletableFuture<Int64Value> reply =
                node.host().call(Dest.workload(Ids.A), "t.Once", Int64Value.of(9), Int64Value.parser());
            while (!reply.isDone())
            {
                node.invoke();
            }
        }
        clock.advanceMs(TimeUnit.HOURS.toMillis(1));

        final NodeContext second = new NodeContext().directory(dir).threadingMode(ThreadingMode.INVOKER)
            .clock(clock).dedupWindowNs(TimeUnit.SECONDS.toNanos(1)).actor(Ids.A, counting);
        try (ActrNode node = ActrNode.launch(second))
        {
            while (node.invoke() > 0)
            {
                continue;
            }
            assertThat(node.counter(SystemCounter.DUPLICATES)).as("redelivered, found committed").isEqualTo(1);
        }
        assertThat(seen).as("ran once, an hour and a lost ack notwithstanding").containsExactly(9L);
        final List<Byte> effects = new ArrayList<>();
        try (EffectReader reader = ActrNode.effectReader(dir))
        {
            reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
                effects.add(buffer.getByte(offset)), 100);
        }
        assertThat(effects).containsExactly((byte)9);
    }

    /** A real Chronicle mailbox whose acks never happen, as if the process died right after each commit. */
    private static final class AckLosingMailbox implements Mailbox
    {
        private final Mailbox delegate;

        AckLosingMailbox(final Mailbox delegate)
        {
            this.delegate = delegate;
        }

        public long enqueue(final MessagePriority priority, final DirectBuffer buffer, final int offset,
            final int length)
        {
            return delegate.enqueue(priority, buffer, offset, length);
        }

        public int poll(final MessagePriority priority, final MailboxHandler handler, final int limit)
        {
            return delegate.poll(priority, handler, limit);
        }

        public void ack(final long messageId)
        {
        }

        public int queued(final MessagePriority priority)
        {
            return delegate.queued(priority);
        }

        public int inFlight(final MessagePriority priority)
        {
            return delegate.inFlight(priority);
        }

        public void depthObserver(final DepthObserver observer)
        {
            delegate.depthObserver(observer);
        }

        public void close()
        {
            delegate.close();
        }
    }

    @Test
    void shouldAnswerLargeRequestsWithLargeRepliesAndEffectsOnADurableNode()
    {
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Big", BytesValue.parser(), (c, request) ->
            {
                final byte[] effect = new byte[1024 * 1024 - 8]; // the most one request may stage
                c.effect(new UnsafeBuffer(effect), 0, effect.length);
                return request;
            }));
        final byte[] payload = new byte[3 * 1024 * 1024];
        payload[payload.length - 1] = 7;
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final BytesValue reply = h.await(h.node.host().call(Dest.workload(Ids.A), "t.Big",
                BytesValue.of(ByteString.copyFrom(payload)), BytesValue.parser(), 60_000));
            assertThat(reply.getValue().size()).isEqualTo(payload.length);
            assertThat(reply.getValue().byteAt(payload.length - 1)).isEqualTo((byte)7);
            assertThat(h.counter(SystemCounter.COMMITS_FAILED)).isZero();
        }
    }

    @Test
    void shouldAnswerARequestLargerThanTheMailboxStoresWithInvalidArgument()
    {
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Big", BytesValue.parser(), (c, request) -> request))
            .mailboxSupplier(() -> ChronicleMailbox.open(new ChronicleMailboxContext()
                .directory(dir.resolve("mailbox")).blockSize(256 * 1024)));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<BytesValue> reply = h.node.host().call(Dest.workload(Ids.A), "t.Big",
                BytesValue.of(ByteString.copyFrom(new byte[100 * 1024])), BytesValue.parser(), 60_000);
            h.drainUntil(reply::isDone);

            assertThat(((CallFailedException)reply.handle((v, ex) -> ex).join()).errorCode())
                .isEqualTo(ErrorCode.INVALID_ARGUMENT.code());
            assertThat(h.counter(SystemCounter.MESSAGES_TOO_LARGE)).isEqualTo(1);
            assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.Big",
                BytesValue.of(ByteString.copyFrom(new byte[10])), BytesValue.parser())).getValue().size())
                .as("smaller requests still pass").isEqualTo(10);
        }
    }

    private static UnsafeBuffer envelope(
        final Direction direction, final String requestId, final long timeoutMs, final long value)
    {
        return new UnsafeBuffer(RpcEnvelope.newBuilder().setRouteKey("t.Once")
            .setPayload(Int64Value.of(value).toByteString()).setDirection(direction).setRequestId(requestId)
            .setTimeoutMs(timeoutMs).build().toByteArray());
    }

    @Test
    void shouldRecordIngressDispatchAndOutboundInTheReplayJournal() throws Exception
    {
        final NodeContext ctx = new NodeContext().directory(dir).journalEnabled(true).actor(Ids.A, routes -> routes
            .handle("t.Echo", Int64Value.parser(), (c, request) -> request));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            for (int i = 0; i < 3; i++)
            {
                h.await(h.node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(i), Int64Value.parser()));
            }
        }
        final Path journal = dir.resolve("journal");
        final JournalStats stats = JournalStats.of(journal);

        assertThat(stats.kind(JournalKind.DISPATCH).records()).as("the run's START and 3 requests").isEqualTo(4);
        assertThat(stats.kind(JournalKind.OUTBOUND).records()).isEqualTo(3);
        assertThat(stats.kind(JournalKind.INGRESS).records())
            .as("the 3 host calls: frames from outside the engine (replies to the host are outbound records)")
            .isEqualTo(3);
        final StringBuilder dump = new StringBuilder();
        assertThat(JournalDump.dump(journal, JournalKind.DISPATCH, DumpFilter.all().route("t.Echo"), dump))
            .isEqualTo(3);
        assertThat(dump.toString()).contains("a@1/acme:alpha:1").contains("route=t.Echo").contains("REQUEST");
    }
}
