package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.integrity.StoreCuts;
import dev.actr.journal.integrity.StoreDamageException;
import dev.actr.journal.integrity.StoreIntegrity;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node relaunched on a directory whose store files were cut short inside their records (issue #8): it repairs
 * what it may and keeps serving, or refuses at once with what was found; it never hangs and never loses committed
 * data silently. Real engine thread (SHARED), real Chronicle files.
 */
class DamagedStoreNodeTest
{
    private static final long CALL_TIMEOUT_MS = 5_000;

    @TempDir
    Path dir;

    private final List<Throwable> errors = new ArrayList<>();

    private static void effect(final ActorContext ctx, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ctx.effect(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private NodeContext node(final Set<Long> parked)
    {
        return new NodeContext().directory(dir).errorHandler(errors::add).actor(Ids.A, routes -> routes
            .handle("t.Apply", Int64Value.parser(), (c, request) ->
            {
                effect(c, "applied " + request.getValue());
                return request;
            })
            .handle("t.Park", Int64Value.parser(), (c, request) ->
            {
                parked.add(request.getValue());
                c.defer();
                return null;
            }));
    }

    private List<String> committedEffects()
    {
        final List<String> effects = new ArrayList<>();
        try (EffectReader reader = ActrNode.effectReader(dir))
        {
            while (reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
                effects.add(buffer.getStringWithoutLengthUtf8(offset, length)), 64) > 0)
            {
                continue;
            }
        }
        return effects;
    }

    /**
     * Where a cycle file is cut: half way through what was written (inside Chronicle's index arrays, which come before
     * the first records: the cut of issue #8 that hung the node), or inside the last record.
     */
    private static long cutPoint(final Path cycle, final String where)
    {
        final long written = StoreFiles.writtenLength(cycle);
        return "half".equals(where) ? written / 2 : written - 7;
    }

    @ParameterizedTest
    @ValueSource(strings = {"half", "lastRecord"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRepairAMailboxCutShortInsideItsRecordsAndKeepAnswering(final String where) throws Exception
    {
        final Set<Long> parked = ConcurrentHashMap.newKeySet();
        try (ActrNode node = ActrNode.launch(node(parked)))
        {
            for (long i = 0; i < 5; i++)
            {
                node.host().callBlocking(Dest.workload(Ids.A), "t.Apply", Int64Value.of(i), Int64Value.parser(),
                    CALL_TIMEOUT_MS);
            }
            for (long i = 100; i < 103; i++)
            {
                node.host().call(Dest.workload(Ids.A), "t.Park", Int64Value.of(i), Int64Value.parser(), 60_000);
            }
            Awaits.until(() -> parked.size() == 3, "three requests parked");
        }
        final Path cycle = StoreFiles.fullestCycleFile(dir.resolve("mailbox").resolve("normal"));
        StoreCuts.truncate(cycle, cutPoint(cycle, where));

        parked.clear();
        try (ActrNode node = ActrNode.launch(node(parked)))
        {
            assertThat(node.host().callBlocking(Dest.workload(Ids.A), "t.Apply", Int64Value.of(7),
                Int64Value.parser(), CALL_TIMEOUT_MS).getValue()).isEqualTo(7);
            if ("lastRecord".equals(where))
            {
                Awaits.until(() -> parked.size() == 2, "the two parked requests before the damage redelivered");
                assertThat(parked).containsExactlyInAnyOrder(100L, 101L);
            }
            else
            {
                assertThat(parked).as("every parked request was after the damage: lost, and reported").isEmpty();
            }
            assertThat(node.counter(SystemCounter.STORE_DAMAGE_DETECTED)).isEqualTo(1);
            assertThat(node.counter(SystemCounter.STORE_DAMAGE_REPAIRED)).isEqualTo(1);
            assertThat(errors).singleElement().isInstanceOf(StoreDamageException.class)
                .extracting(Throwable::getMessage).asString().contains(cycle.toString(), "mailbox normal");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"half", "lastRecord"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseACommitJournalThatLostCommitsAndStillShowTheEffectsBeforeTheDamage(final String where)
        throws Exception
    {
        final Set<Long> parked = ConcurrentHashMap.newKeySet();
        try (ActrNode node = ActrNode.launch(node(parked)))
        {
            for (long i = 0; i < 10; i++)
            {
                node.host().callBlocking(Dest.workload(Ids.A), "t.Apply", Int64Value.of(i), Int64Value.parser(),
                    CALL_TIMEOUT_MS);
            }
        }
        final Path cycle = StoreFiles.fullestCycleFile(dir.resolve("dedup"));
        StoreCuts.truncate(cycle, cutPoint(cycle, where));
        final List<String> all = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            all.add("applied " + i);
        }
        final int kept = "half".equals(where) ? 0 : 9;

        assertThatThrownBy(() -> ActrNode.launch(node(parked)))
            .isInstanceOf(StoreDamageException.class)
            .hasMessageContaining(cycle.toString())
            .hasMessageContaining("index 0x")
            .hasMessageContaining("DedupJournal.repair");
        assertThat(committedEffects()).as("every commit before the damage is still readable")
            .isEqualTo(all.subList(0, kept));
        try (EffectReader reader = ActrNode.effectReader(dir))
        {
            assertThat(reader.damage()).singleElement().satisfies(damage ->
            {
                assertThat(damage.file()).isEqualTo(cycle);
                assertThat(damage.goodRecords()).isEqualTo(kept);
                assertThat(damage.lostRecords()).isEqualTo(10 - kept);
            });
        }

        final StoreIntegrity repairs = new StoreIntegrity();
        assertThat(DedupJournal.repair(dir.resolve("dedup"), repairs)).isEqualTo(1);
        try (ActrNode node = ActrNode.launch(node(parked)))
        {
            node.host().callBlocking(Dest.workload(Ids.A), "t.Apply", Int64Value.of(42), Int64Value.parser(),
                CALL_TIMEOUT_MS);
        }
        final List<String> expected = new ArrayList<>(all.subList(0, kept));
        expected.add("applied 42");
        assertThat(committedEffects()).as("the old commits, then the new one after the lost ones' indices")
            .isEqualTo(expected);
        try (EffectReader reader = ActrNode.effectReader(dir))
        {
            while (reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) -> { }, 64) > 0)
            {
                continue;
            }
            assertThat(reader.lostRecords()).as("lost commits are placeholders, not reused indices")
                .isEqualTo(10 - kept);
            assertThat(reader.damage()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCutARecordACrashLeftHalfWrittenInTheCommitJournalWithoutRefusing() throws Exception
    {
        final Set<Long> parked = ConcurrentHashMap.newKeySet();
        try (ActrNode node = ActrNode.launch(node(parked)))
        {
            for (long i = 0; i < 3; i++)
            {
                node.host().callBlocking(Dest.workload(Ids.A), "t.Apply", Int64Value.of(i), Int64Value.parser(),
                    CALL_TIMEOUT_MS);
            }
        }
        final Path cycle = StoreFiles.fullestCycleFile(dir.resolve("dedup"));
        TornRecords.appendIncomplete(cycle, StoreFiles.writtenLength(cycle));

        try (ActrNode node = ActrNode.launch(node(parked)))
        {
            node.host().callBlocking(Dest.workload(Ids.A), "t.Apply", Int64Value.of(3), Int64Value.parser(),
                CALL_TIMEOUT_MS);
            assertThat(node.counter(SystemCounter.STORE_DAMAGE_REPAIRED)).isEqualTo(1);
        }
        assertThat(committedEffects()).containsExactly("applied 0", "applied 1", "applied 2", "applied 3");
    }

    /** Waits on a condition without sleeping to synchronise: polls with a bounded spin-then-park. */
    static final class Awaits
    {
        private Awaits()
        {
        }

        static void until(final java.util.function.BooleanSupplier condition, final String what)
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("timed out waiting until " + what);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /** Writes what a writer killed in the middle of a record leaves: a header still marked not complete. */
    static final class TornRecords
    {
        private TornRecords()
        {
        }

        static void appendIncomplete(final Path cycleFile, final long writtenLength) throws java.io.IOException
        {
            final long at = (writtenLength + 3) & ~3L;
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(cycleFile,
                java.nio.file.StandardOpenOption.WRITE))
            {
                final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(24)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                bytes.putInt(0x8000_0000 | 20).putLong(0x1122_3344_5566_7788L).putLong(-1L).putInt(7).flip();
                channel.write(bytes, at);
            }
        }
    }
}
