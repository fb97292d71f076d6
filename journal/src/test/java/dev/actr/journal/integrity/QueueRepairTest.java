package dev.actr.journal.integrity;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueRepairTest
{
    private static final long T0_MS = TimeUnit.DAYS.toMillis(20_000);

    @TempDir
    Path dir;

    private final SetTimeProvider clock = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(T0_MS));

    private SingleChronicleQueue queue(final RollCycle rollCycle)
    {
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(rollCycle).blockSize(256 * 1024)
            .timeProvider(clock).build();
    }

    private List<Long> write(final RollCycle rollCycle, final int from, final int count)
    {
        final List<Long> indices = new ArrayList<>();
        try (SingleChronicleQueue queue = queue(rollCycle); ExcerptAppender appender = queue.createAppender())
        {
            for (int i = from; i < from + count; i++)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(("record " + i).getBytes(StandardCharsets.US_ASCII));
                }
                indices.add(appender.lastIndexAppended());
            }
        }
        return indices;
    }

    /** index and text of every record, from the start. */
    private List<String> read(final RollCycle rollCycle)
    {
        final List<String> records = new ArrayList<>();
        try (SingleChronicleQueue queue = queue(rollCycle); ExcerptTailer tailer = queue.createTailer().toStart())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    records.add(Long.toHexString(dc.index()) + ":" + (QueueRepair.isPlaceholder(dc.wire().bytes()) ?
                        "placeholder" : dc.wire().bytes().toString()));
                }
            }
        }
        return records;
    }

    private List<StoreDamage> check(final RollCycle rollCycle, final QueueRepair.Policy policy)
    {
        return QueueRepair.check(dir, "test queue", rollCycle, 256 * 1024, policy, new StoreIntegrity(), "restore it");
    }

    private static void flipByte(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x08);
        }
    }

    @Test
    void shouldFindAQueueWithManyIndexArraysWhole() throws IOException
    {
        write(TestRollCycles.TEST4_DAILY, 0, 1000);

        final CycleFileScan scan = CycleFileScan.scan(Faults.onlyCycleFile(dir));

        assertThat(scan.damageOffset).as(String.valueOf(scan.reason)).isEqualTo(-1);
        assertThat(scan.dataRecords).isEqualTo(1000);
        assertThat(scan.metadataDocuments).as("index2index and several index arrays").isGreaterThan(4);
        assertThat(check(TestRollCycles.TEST4_DAILY, QueueRepair.Policy.REPAIR)).isEmpty();
    }

    @Test
    void shouldFindAndRebuildADamagedEntryOfALaterIndexArrayKeepingEveryRecordAtItsIndex() throws IOException
    {
        final List<Long> indices = write(TestRollCycles.TEST4_DAILY, 0, 1000);
        final List<String> before = read(TestRollCycles.TEST4_DAILY);
        final Path file = Faults.onlyCycleFile(dir);
        final CycleFileScan scan = CycleFileScan.scan(file);
        final long thirdArray = scan.metadata[2 * 3];
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long entry = -1;
        for (int at = (int)thirdArray + 4; at < thirdArray + 64 && entry < 0; at++)
        {
            final long value = bytes.getLong(at);
            for (int r = 0; r < scan.dataRecords; r++)
            {
                if (scan.records[2 * r] - 4 == value)
                {
                    entry = at;
                    break;
                }
            }
        }
        assertThat(entry).as("an entry of the third index array").isPositive();
        flipByte(file, entry);

        final List<StoreDamage> damage = check(TestRollCycles.TEST4_DAILY, QueueRepair.Policy.REPAIR);

        assertThat(damage).singleElement().satisfies(d ->
        {
            assertThat(d.reason()).contains("index entry");
            assertThat(d.goodRecords()).isEqualTo(1000);
            assertThat(d.lostRecords()).isZero();
            assertThat(d.repaired()).isTrue();
            assertThat(d.keptCopy()).exists();
        });
        assertThat(read(TestRollCycles.TEST4_DAILY)).isEqualTo(before);
        try (SingleChronicleQueue queue = queue(TestRollCycles.TEST4_DAILY); ExcerptTailer tailer = queue.createTailer())
        {
            for (final int k : new int[] {0, 255, 256, 700, 999})
            {
                assertThat(tailer.moveToIndex(indices.get(k))).isTrue();
                try (DocumentContext dc = tailer.readingDocument())
                {
                    assertThat(dc.wire().bytes().toString()).isEqualTo("record " + k);
                }
            }
        }
        assertThat(check(TestRollCycles.TEST4_DAILY, QueueRepair.Policy.REPAIR)).isEmpty();
    }

    @Test
    void shouldCutAFileAtItsDamageAndHoldTheLostIndicesWithPlaceholders() throws IOException
    {
        final List<Long> indices = write(RollCycles.FAST_HOURLY, 0, 50);
        final Path file = Faults.onlyCycleFile(dir);
        final CycleFileScan scan = CycleFileScan.scan(file);
        StoreCuts.truncate(file, scan.records[2 * 30] + 2);

        final List<StoreDamage> damage = check(RollCycles.FAST_HOURLY, QueueRepair.Policy.REPAIR);

        assertThat(damage).singleElement().satisfies(d ->
        {
            assertThat(d.firstLostIndex()).isEqualTo(indices.get(30));
            assertThat(d.goodRecords()).isEqualTo(30);
            assertThat(d.lostRecords()).isEqualTo(20);
            assertThat(d.describe()).contains(file.toString(), Long.toHexString(indices.get(30)));
        });
        final List<String> records = read(RollCycles.FAST_HOURLY);
        assertThat(records).hasSize(50);
        assertThat(records.get(29)).isEqualTo(Long.toHexString(indices.get(29)) + ":record 29");
        assertThat(records.subList(30, 50)).allMatch(record -> record.endsWith(":placeholder"));
        assertThat(write(RollCycles.FAST_HOURLY, 50, 1)).as("the next record takes no lost index")
            .containsExactly(indices.get(49) + 1);
    }

    @Test
    void shouldRefuseLostRecordsButCutATornOneWhenOnlyTornRecordsMayBeRepaired() throws IOException
    {
        write(RollCycles.FAST_HOURLY, 0, 10);
        final Path file = Faults.onlyCycleFile(dir);
        final CycleFileScan scan = CycleFileScan.scan(file);
        final long end = scan.records[2 * 9] + scan.records[2 * 9 + 1];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek((end + 3) & ~3L);
            raf.write(new byte[] {12, 0, 0, (byte)0x80, 1, 2, 3, 4}); // a writer died after writing 4 of 12 bytes
        }
        assertThat(check(RollCycles.FAST_HOURLY, QueueRepair.Policy.REPORT)).as("a live writer's record").isEmpty();
        assertThat(check(RollCycles.FAST_HOURLY, QueueRepair.Policy.REPAIR_TORN_ONLY)).singleElement()
            .satisfies(d -> assertThat(d.repaired()).isTrue());
        assertThat(read(RollCycles.FAST_HOURLY)).hasSize(10);

        StoreCuts.truncate(file, scan.records[2 * 5]);
        final byte[] damaged = Files.readAllBytes(file);
        assertThatThrownBy(() -> check(RollCycles.FAST_HOURLY, QueueRepair.Policy.REPAIR_TORN_ONLY))
            .isInstanceOf(StoreDamageException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("5 records after it are lost")
            .hasMessageEndingWith("restore it");
        assertThat(Files.readAllBytes(file)).as("a refusal writes nothing").isEqualTo(damaged);
    }

    @Test
    void shouldRebuildAnOlderCycleWithAnEndSoThatReadersGoOnToTheNext() throws IOException
    {
        write(RollCycles.FAST_HOURLY, 0, 10);
        clock.currentTimeMillis(T0_MS + TimeUnit.HOURS.toMillis(1));
        write(RollCycles.FAST_HOURLY, 10, 10);
        final Path older = QueueRepair.cycleFiles(dir).get(0);
        final CycleFileScan scan = CycleFileScan.scan(older);
        StoreCuts.truncate(older, scan.records[2 * 7] + 1);

        assertThat(check(RollCycles.FAST_HOURLY, QueueRepair.Policy.REPAIR)).hasSize(1);

        final List<String> records = read(RollCycles.FAST_HOURLY);
        assertThat(records).hasSize(20);
        assertThat(records.subList(7, 10)).allMatch(record -> record.endsWith(":placeholder"));
        assertThat(records.get(19)).endsWith(":record 19");
        assertThat(CycleFileScan.scan(QueueRepair.cycleFiles(dir).get(0)).endOfCycle).isTrue();
    }
}
