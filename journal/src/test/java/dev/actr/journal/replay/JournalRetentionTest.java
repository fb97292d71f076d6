package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static dev.actr.journal.replay.JournalFixtures.HOUR_MS;
import static dev.actr.journal.replay.JournalFixtures.T0;
import static dev.actr.journal.replay.JournalFixtures.buffer;
import static dev.actr.journal.replay.JournalFixtures.context;
import static dev.actr.journal.replay.JournalFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

class JournalRetentionTest
{
    /** 2026-11-23T09:00:00Z: a whole hour, so each advance of an hour starts a new FAST_HOURLY cycle. */
    private static final long START_MS = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private static final DateTimeFormatter FAST_HOURLY_NAME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH'F.cq4'").withZone(ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final SetTimeProvider clock = JournalFixtures.clockAt(START_MS);
    private final byte[] message = request("acme.Book.Place", 1, 100, 8);

    @Test
    void shouldKeepTheNewestCycleFilesWhenTheJournalRollsAcrossSeveralCycles()
    {
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock).retentionCycles(3)))
        {
            for (int hour = 0; hour < 6; hour++)
            {
                appendToEveryJournal(journal, hour);
                clock.advanceMillis(HOUR_MS);
            }

            for (final JournalKind kind : JournalKind.values())
            {
                assertThat(fileNames(kind)).as(kind.directoryName())
                    .containsExactly(cycleFileName(3), cycleFileName(4), cycleFileName(5));
            }
            assertThat(dispatchSequences()).containsExactly(3L, 4L, 5L);

            appendToEveryJournal(journal, 6);
            assertThat(fileNames(JournalKind.DISPATCH))
                .containsExactly(cycleFileName(4), cycleFileName(5), cycleFileName(6));
            assertThat(dispatchSequences()).containsExactly(4L, 5L, 6L);
        }
    }

    @Test
    void shouldDeleteCycleFilesBeyondTheRetentionWhenAsked()
    {
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock).retentionCycles(10)))
        {
            for (int hour = 0; hour < 5; hour++)
            {
                appendToEveryJournal(journal, hour);
                clock.advanceMillis(HOUR_MS);
            }
            assertThat(fileNames(JournalKind.INGRESS)).hasSize(5);
            assertThat(journal.applyRetention()).isZero();
        }

        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock).retentionCycles(2)))
        {
            assertThat(journal.applyRetention()).isEqualTo(9);

            for (final JournalKind kind : JournalKind.values())
            {
                assertThat(fileNames(kind)).as(kind.directoryName())
                    .containsExactly(cycleFileName(3), cycleFileName(4));
            }
            assertThat(journal.nextDispatchSequence()).isEqualTo(5);
        }
        assertThat(dispatchSequences()).containsExactly(3L, 4L);
    }

    @Test
    void shouldKeepEveryCycleFileWithinTheRetention()
    {
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            for (int hour = 0; hour < 4; hour++)
            {
                appendToEveryJournal(journal, hour);
                clock.advanceMillis(HOUR_MS);
            }
            assertThat(journal.applyRetention()).isZero();
        }

        assertThat(fileNames(JournalKind.OUTBOUND))
            .containsExactly(cycleFileName(0), cycleFileName(1), cycleFileName(2), cycleFileName(3));
        assertThat(dispatchSequences()).containsExactly(0L, 1L, 2L, 3L);
    }

    private void appendToEveryJournal(final ReplayJournal journal, final int hour)
    {
        final long timeNs = T0 + hour;
        journal.appendIngress(timeNs, FrameKind.ENVELOPE, 0, 1, 0, hour, buffer(message), 0, message.length);
        final long sequence = journal.appendDispatch(
            timeNs, DispatchInput.MESSAGE, 1, 0, hour, buffer(message), 0, message.length);
        journal.appendOutbound(sequence, timeNs, FrameKind.ENVELOPE, 1, 0, 0, buffer(message), 0, message.length);
    }

    private List<String> fileNames(final JournalKind kind)
    {
        final List<String> names = new ArrayList<>();
        for (final Path file : JournalFiles.cycleFiles(directory.resolve(kind.directoryName())))
        {
            names.add(file.getFileName().toString());
        }
        return names;
    }

    private List<Long> dispatchSequences()
    {
        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, JournalKind.DISPATCH))
        {
            while (reader.next())
            {
                sequences.add(reader.record().dispatchSequence());
            }
        }
        return sequences;
    }

    private static String cycleFileName(final int hour)
    {
        return FAST_HOURLY_NAME.format(Instant.ofEpochMilli(START_MS + hour * HOUR_MS));
    }
}
