package dev.actr.engine.replay;

import com.google.protobuf.StringValue;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.actor.Routes;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalStats;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayTest
{
    private static final ActrId BOOK = ActrIds.parse("b00c@1/acme:book:1");
    private static final ActrId RISK = ActrIds.parse("415c@1/acme:risk:1");

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    private static final class TestClock implements EpochNanoClock
    {
        long nowNs = TimeUnit.SECONDS.toNanos(1_800_000_000L);

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }

    /**
     * A price-time order book: each order is first checked by the risk actor (a call with a 50 ms deadline);
     * accepted orders match against the opposite side, resting orders older than 1 s (by the engine clock) expire.
     */
    private static final class OrderBook implements Actor
    {
        private final TreeMap<Long, long[]> bids = new TreeMap<>();
        private final TreeMap<Long, long[]> asks = new TreeMap<>();
        private long traded;

        @Override
        public void onRegister(final Routes routes)
        {
            routes.handle("book.Place", StringValue.parser(), (ctx, order) ->
            {
                final DeferredReply<StringValue> reply = ctx.defer();
                ctx.call(Dest.workload(RISK), "risk.Check", order, StringValue.parser(), 50)
                    .then(new ReplyHandler<>()
                    {
                        @Override
                        public void onReply(final ActorContext c, final StringValue verdict)
                        {
                            reply.reply(StringValue.of(place(c, order.getValue())));
                        }

                        @Override
                        public void onError(final ActorContext c, final int code, final String message)
                        {
                            reply.reply(StringValue.of("rejected " + code));
                        }
                    });
                return null;
            });
        }

        private String place(final ActorContext ctx, final String order)
        {
            final String[] parts = order.split(" ");
            final boolean buy = parts[0].equals("B");
            final long price = Long.parseLong(parts[1]);
            long quantity = Long.parseLong(parts[2]);
            final long now = ctx.clock().nanoTime();
            expire(bids, now);
            expire(asks, now);
            final TreeMap<Long, long[]> opposite = buy ? asks : bids;
            while (quantity > 0 && !opposite.isEmpty())
            {
                final Map.Entry<Long, long[]> best = buy ? opposite.firstEntry() : opposite.lastEntry();
                if (buy ? best.getKey() > price : best.getKey() < price)
                {
                    break;
                }
                final long fill = Math.min(quantity, best.getValue()[0]);
                quantity -= fill;
                traded += fill;
                best.getValue()[0] -= fill;
                if (best.getValue()[0] == 0)
                {
                    opposite.remove(best.getKey());
                }
            }
            if (quantity > 0)
            {
                (buy ? bids : asks).merge(price, new long[] {quantity, now}, (a, b) -> new long[] {a[0] + b[0], a[1]});
            }
            return "traded=" + traded + " rest=" + quantity + " bids=" + bids.size() + " asks=" + asks.size() +
                " t=" + now;
        }

        private static void expire(final TreeMap<Long, long[]> side, final long now)
        {
            side.values().removeIf(level -> now - level[1] > TimeUnit.SECONDS.toNanos(1));
        }
    }

    /** Approves orders, except those for quantities divisible by 7, which it never answers. */
    private static Actor risk()
    {
        return routes -> routes.handle("risk.Check", StringValue.parser(), (ctx, order) ->
        {
            if (Long.parseLong(order.getValue().split(" ")[2]) % 7 == 0)
            {
                ctx.defer();
                return null;
            }
            return StringValue.of("ok");
        });
    }

    private static NodeContext bookNode()
    {
        return new NodeContext().actor(BOOK, new OrderBook()).actor(RISK, risk());
    }

    private List<String> record(final NodeContext ctx, final long seed, final int orders)
    {
        final TestClock clock = new TestClock();
        final Random random = new Random(seed);
        final List<String> replies = new ArrayList<>();
        try (ActrNode node = ActrNode.launch(ctx.threadingMode(ThreadingMode.INVOKER).clock(clock)
            .directory(dir).journalEnabled(true)))
        {
            for (int i = 0; i < orders; i++)
            {
                final String order = (random.nextBoolean() ? "B " : "S ") + (95 + random.nextInt(10)) + " " +
                    (1 + random.nextInt(20));
                final CompletableFuture<StringValue> reply = node.host().call(Dest.workload(BOOK), "book.Place",
                    StringValue.of(order), StringValue.parser(), 5_000);
                while (!reply.isDone())
                {
                    if (node.invoke() == 0)
                    {
                        clock.nowNs += TimeUnit.MILLISECONDS.toNanos(10);
                    }
                }
                replies.add(reply.join().getValue());
                clock.nowNs += TimeUnit.MILLISECONDS.toNanos(random.nextInt(200));
            }
            while (node.invoke() > 0)
            {
                clock.nowNs += TimeUnit.MILLISECONDS.toNanos(1);
            }
        }
        return replies;
    }

    @Test
    void shouldReplayARecordedOrderBookWithIdenticalOutputs()
    {
        final List<String> replies = record(bookNode(), 42, 300);
        assertThat(replies).anyMatch(reply -> reply.startsWith("rejected")).anyMatch(reply -> reply.contains("traded"));

        final ReplayReport report = Replayer.replay(dir.resolve("journal"), bookNode());

        assertThat(report.isIdentical()).as(report.toString()).isTrue();
        assertThat(report.inputs())
            .isEqualTo(JournalStats.of(dir.resolve("journal")).kind(JournalKind.DISPATCH).records())
            .isGreaterThan(600);
        assertThat(report.toString()).isEqualTo("replayed " + report.inputs() + " inputs, outputs identical");
    }

    @Test
    void shouldReportActorThatReadsTheWallClockAsDivergingAtItsFirstWallClockRead()
    {
        final ActrId echo = ActrIds.parse("ec40@1/acme:echo:1");
        final NodeContext recorded = new NodeContext().actor(echo, wallClockEcho());
        final TestClock clock = new TestClock();
        final List<String> routes = List.of("echo.Say", "echo.Say", "echo.Say", "echo.Now", "echo.Say");
        try (ActrNode node = ActrNode.launch(recorded.threadingMode(ThreadingMode.INVOKER).clock(clock)
            .directory(dir).journalEnabled(true)))
        {
            for (final String route : routes)
            {
                final CompletableFuture<StringValue> reply = node.host().call(Dest.workload(echo), route,
                    StringValue.of("x"), StringValue.parser());
                while (!reply.isDone())
                {
                    node.invoke();
                }
                clock.nowNs += 1_000;
            }
        }

        final ReplayReport report =
            Replayer.replay(dir.resolve("journal"), new NodeContext().actor(echo, wallClockEcho()));

        assertThat(report.isIdentical()).isFalse();
        // dispatch #0 is the run's START; the fourth call (echo.Now, the first wall-clock read) is #4
        assertThat(report.divergenceSequence()).as(report.toString()).isEqualTo(4);
        assertThat(report.routeKey()).isEqualTo("echo.Now");
        assertThat(report.inputs()).isEqualTo(5);
        assertThat(report.expected()).contains("RESPONSE echo.Now");
        assertThat(report.actual()).contains("RESPONSE echo.Now");
        assertThat(DispatchInput.name(DispatchInput.MESSAGE)).isNotBlank();
    }

    @Test
    void shouldReportMissingActorBehaviourAsDivergence()
    {
        record(bookNode(), 7, 20);

        final ReplayReport report = Replayer.replay(dir.resolve("journal"),
            new NodeContext().actor(BOOK, new OrderBook()).actor(RISK, routes -> routes.handle("risk.Check",
                StringValue.parser(), (ctx, order) -> StringValue.of("ok"))));

        assertThat(report.isIdentical()).as("a risk actor that never times out is a different actor").isFalse();
    }

    private static Actor wallClockEcho()
    {
        return routes -> routes
            .handle("echo.Say", StringValue.parser(), (ctx, value) -> StringValue.of("t=" + ctx.clock().nanoTime()))
            .handle("echo.Now", StringValue.parser(), (ctx, value) -> StringValue.of("t=" + System.nanoTime()));
    }

    /** Records the request as an effect, with a wall-clock reading when asked to (a non-deterministic effect). */
    private static Actor ledger(final boolean readsWallClock)
    {
        return routes -> routes.handle("ledger.Post", StringValue.parser(), (ctx, request) ->
        {
            final String text = request.getValue() + (readsWallClock ? "@" + System.nanoTime() : "");
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ctx.effect(new UnsafeBuffer(bytes), 0, bytes.length);
            return StringValue.of("posted");
        });
    }

    private void recordLedger(final ActrId id, final Actor actor)
    {
        final TestClock clock = new TestClock();
        try (ActrNode node = ActrNode.launch(new NodeContext().actor(id, actor)
            .threadingMode(ThreadingMode.INVOKER).clock(clock).directory(dir).journalEnabled(true)))
        {
            for (final String entry : new String[] {"a", "b", "c"})
            {
                final CompletableFuture<StringValue> reply = node.host().call(Dest.workload(id), "ledger.Post",
                    StringValue.of(entry), StringValue.parser());
                while (!reply.isDone())
                {
                    node.invoke();
                }
                clock.nowNs += 1_000;
            }
        }
    }

    @Test
    void shouldCompareCommittedEffectsInReplay()
    {
        final ActrId id = ActrIds.parse("1e@1/acme:ledger:1");
        recordLedger(id, ledger(false));

        final ReplayReport report = Replayer.replay(dir.resolve("journal"), new NodeContext().actor(id, ledger(false)));

        assertThat(report.isIdentical()).as(report.toString()).isTrue();
        assertThat(JournalStats.of(dir.resolve("journal")).kind(JournalKind.OUTBOUND).records())
            .as("3 replies and 3 effect records").isEqualTo(6);
    }

    @Test
    void shouldReportAnEffectThatReadsTheWallClockAsDiverging()
    {
        final ActrId id = ActrIds.parse("1e@1/acme:ledger:1");
        recordLedger(id, ledger(true));

        final ReplayReport report = Replayer.replay(dir.resolve("journal"), new NodeContext().actor(id, ledger(true)));

        assertThat(report.isIdentical()).isFalse();
        assertThat(report.divergenceSequence()).as("the first post, after the run's START").isEqualTo(1);
        assertThat(report.expected()).contains("effects");
        assertThat(report.actual()).contains("effects");
    }
}
