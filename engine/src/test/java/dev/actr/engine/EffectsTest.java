package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.journal.dedup.EffectReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EffectsTest
{
    @TempDir
    Path dir;

    private static void effect(final ActorContext ctx, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ctx.effect(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private List<String> committed(final Path nodeDirectory, final long[] lastRecordIndex)
    {
        final List<String> effects = new ArrayList<>();
        try (EffectReader reader = ActrNode.effectReader(nodeDirectory))
        {
            if (lastRecordIndex != null && lastRecordIndex[0] != 0)
            {
                reader.seekAfter(lastRecordIndex[0]);
            }
            while (reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
            {
                effects.add(responder + ":" + ordinal + ":" + buffer.getStringWithoutLengthUtf8(offset, length));
                if (lastRecordIndex != null)
                {
                    lastRecordIndex[0] = index;
                }
            }, 16) > 0)
            {
                continue;
            }
            assertThat(reader.malformedRecords()).isZero();
        }
        return effects;
    }

    @Test
    void shouldCommitEffectsOfAnAnsweredRequestInTheOrderRecorded()
    {
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Debit", Int64Value.parser(), (c, request) ->
            {
                effect(c, "debit " + request.getValue());
                effect(c, "");
                effect(c, "audit " + request.getValue());
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.Debit", Int64Value.of(5),
                Int64Value.parser())).getValue()).isEqualTo(5);
            assertThat(committed(dir, null)).as("visible while the node runs")
                .containsExactly("1:0:debit 5", "1:1:", "1:2:audit 5");
        }
    }

    @Test
    void shouldDiscardEffectsOfAHandlerThatThrows()
    {
        final NodeContext ctx = new NodeContext().directory(dir).errorHandler(ex -> { }).actor(Ids.A, routes ->
            routes.handle("t.Fail", Int64Value.parser(), (c, request) ->
            {
                effect(c, "half done " + request.getValue());
                if (request.getValue() < 0)
                {
                    throw new IllegalArgumentException("negative");
                }
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> failed =
                h.node.host().call(Dest.workload(Ids.A), "t.Fail", Int64Value.of(-1), Int64Value.parser());
            h.drainUntil(failed::isDone);
            assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(CallFailedException.class);
            assertThat(((CallFailedException)failed.handle((v, ex) -> ex).join()).errorCode())
                .isEqualTo(ErrorCode.INTERNAL.code());
            h.await(h.node.host().call(Dest.workload(Ids.A), "t.Fail", Int64Value.of(2), Int64Value.parser()));
        }
        assertThat(committed(dir, null)).containsExactly("1:0:half done 2");
    }

    @Test
    void shouldCommitEffectsOfATellWhenItsHandlerReturns()
    {
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Note", Int64Value.parser(), (c, request) ->
            {
                effect(c, "noted " + request.getValue());
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            assertThat(h.node.host().tell(Dest.workload(Ids.A), "t.Note", Int64Value.of(9))).isEqualTo(SendResult.OK);
            h.drain();
        }
        assertThat(committed(dir, null)).containsExactly("1:0:noted 9");
    }

    @Test
    void shouldCommitEffectsOfADeferredRequestWithItsReply()
    {
        final NodeContext ctx = new NodeContext().directory(dir)
            .actor(Ids.A, routes -> routes.handle("t.Transfer", Int64Value.parser(), (c, request) ->
            {
                effect(c, "before defer");
                final DeferredReply<Int64Value> deferred = c.defer();
                effect(c, "after defer");
                c.call(Dest.workload(Ids.B), "t.Quote", request, Int64Value.parser()).then(
                    new ReplyHandler<Int64Value>()
                    {
                        public void onReply(final ActorContext ctx, final Int64Value quote)
                        {
                            final byte[] bytes = ("quoted " + quote.getValue()).getBytes(StandardCharsets.UTF_8);
                            deferred.effect(new UnsafeBuffer(bytes), 0, bytes.length);
                            deferred.reply(quote);
                            assertThatThrownBy(() -> deferred.effect(new UnsafeBuffer(bytes), 0, bytes.length))
                                .isInstanceOf(IllegalStateException.class);
                        }

                        public void onError(final ActorContext ctx, final int errorCode, final String message)
                        {
                            deferred.fail(errorCode, message);
                        }
                    });
                return null;
            }))
            .actor(Ids.B, routes -> routes.handle("t.Quote", Int64Value.parser(), (c, request) ->
                Int64Value.of(request.getValue() * 100)));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Transfer", Int64Value.of(3), Int64Value.parser());
            h.drainUntil(() -> !committed(dir, null).isEmpty() || reply.isDone());
            assertThat(h.await(reply).getValue()).isEqualTo(300);
        }
        assertThat(committed(dir, null)).containsExactly("1:0:before defer", "1:1:after defer", "1:2:quoted 300");
    }

    @Test
    void shouldDiscardEffectsOfADeferredRequestWhoseDeadlinePassed()
    {
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Slow", Int64Value.parser(), (c, request) ->
            {
                effect(c, "started " + request.getValue());
                c.defer();
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Slow", Int64Value.of(4), Int64Value.parser(), 50);
            h.drain();
            h.clock.advanceMs(100);
            h.drainUntil(reply::isDone);
            assertThat(((CallFailedException)reply.handle((v, ex) -> ex).join()).errorCode())
                .isEqualTo(ErrorCode.TIMED_OUT.code());
            h.drain();
        }
        assertThat(committed(dir, null)).isEmpty();
    }

    @Test
    void shouldKeepTheReplyAndEffectsOfAHandlerThatThrowsAfterReplying()
    {
        final NodeContext ctx = new NodeContext().directory(dir).errorHandler(ex -> { }).actor(Ids.A, routes -> routes
            .handleRaw("t.RawThenThrow", PayloadType.RPC_RELIABLE, (c, buffer, offset, length) ->
            {
                effect(c, "raw");
                c.replyRaw(buffer, offset, length);
                throw new IllegalStateException("after the reply");
            })
            .handle("t.DeferThenThrow", Int64Value.parser(), (c, request) ->
            {
                effect(c, "deferred");
                c.<Int64Value>defer().reply(request);
                throw new IllegalStateException("after the deferred reply");
            })
            .handle("t.DeferAndReturn", Int64Value.parser(), (c, request) ->
            {
                effect(c, "never");
                c.defer();
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.RawThenThrow", Int64Value.of(1),
                Int64Value.parser())).getValue()).isEqualTo(1);
            assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.DeferThenThrow", Int64Value.of(2),
                Int64Value.parser())).getValue()).isEqualTo(2);
            final CompletableFuture<Int64Value> both =
                h.node.host().call(Dest.workload(Ids.A), "t.DeferAndReturn", Int64Value.of(3), Int64Value.parser());
            h.drainUntil(both::isDone);
            assertThat(((CallFailedException)both.handle((v, ex) -> ex).join()).errorCode())
                .isEqualTo(ErrorCode.INTERNAL.code());
            h.drain();
            assertThat(h.counter(SystemCounter.REPLIES_SENT)).as("one reply each, no second error").isEqualTo(3);
            assertThat(h.counter(SystemCounter.RESPONSES_UNMATCHED)).isZero();
        }
        assertThat(committed(dir, null)).containsExactly("1:0:raw", "1:0:deferred");
    }

    @Test
    void shouldRunAnUnansweredRequestAgainAfterARestartAndCommitItsEffectsOnce()
    {
        final NodeContext first = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Book", Int64Value.parser(), (c, request) ->
            {
                effect(c, "booked " + request.getValue());
                c.defer();
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(first))
        {
            h.node.host().call(Dest.workload(Ids.A), "t.Book", Int64Value.of(1), Int64Value.parser(), 60_000);
            h.drain();
        }
        assertThat(committed(dir, null)).as("a request the crash cut short commits nothing").isEmpty();

        final int[] runs = new int[1];
        final NodeContext second = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Book", Int64Value.parser(), (c, request) ->
            {
                runs[0]++;
                effect(c, "booked " + request.getValue());
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(second))
        {
            h.drain();
        }
        try (InvokerHarness h = new InvokerHarness(second))
        {
            h.drain();
        }
        assertThat(runs[0]).isEqualTo(1);
        assertThat(committed(dir, null)).containsExactly("1:0:booked 1");
    }

    @Test
    void shouldResumeAfterTheLastRecordAConsumerProcessed()
    {
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Step", Int64Value.parser(), (c, request) ->
            {
                effect(c, "step " + request.getValue());
                return request;
            }));
        final long[] last = new long[1];
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            for (int i = 1; i <= 3; i++)
            {
                h.await(h.node.host().call(Dest.workload(Ids.A), "t.Step", Int64Value.of(i), Int64Value.parser()));
            }
            assertThat(committed(dir, last)).containsExactly("1:0:step 1", "1:0:step 2", "1:0:step 3");
            for (int i = 4; i <= 5; i++)
            {
                h.await(h.node.host().call(Dest.workload(Ids.A), "t.Step", Int64Value.of(i), Int64Value.parser()));
            }
        }
        assertThat(committed(dir, last)).containsExactly("1:0:step 4", "1:0:step 5");
        assertThat(committed(dir, last)).isEmpty();
    }

    @Test
    void shouldRefuseEffectsWhereTheyCannotBeCommitted()
    {
        final List<String> refusals = new ArrayList<>();
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes.handle(
            "t.Try", Int64Value.parser(), (c, request) ->
            {
                try
                {
                    effect(c, "x");
                }
                catch (final IllegalStateException ex)
                {
                    refusals.add(ex.getMessage());
                }
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            h.await(h.node.host().call(Dest.workload(Ids.A), "t.Try", Int64Value.of(1), Int64Value.parser()));
        }
        assertThat(refusals).containsExactly("effects need a durable node: set NodeContext.directory");

        final List<String> afterReply = new ArrayList<>();
        final NodeContext durable = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handleRaw(
            "t.Raw", PayloadType.RPC_RELIABLE, (c, buffer, offset, length) ->
            {
                c.replyRaw(buffer, offset, length);
                try
                {
                    effect(c, "late");
                }
                catch (final IllegalStateException ex)
                {
                    afterReply.add(ex.getMessage());
                }
            }));
        try (InvokerHarness h = new InvokerHarness(durable))
        {
            h.await(h.node.host().call(Dest.workload(Ids.A), "t.Raw", Int64Value.of(1), Int64Value.parser()));
        }
        assertThat(afterReply).containsExactly("effect: the request was already answered; record effects first");
        assertThat(committed(dir, null)).isEmpty();
    }
}
