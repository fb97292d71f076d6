package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;

import static dev.actr.journal.replay.JournalFixtures.HOUR_MS;
import static dev.actr.journal.replay.JournalFixtures.T0;
import static dev.actr.journal.replay.JournalFixtures.buffer;
import static dev.actr.journal.replay.JournalFixtures.context;
import static dev.actr.journal.replay.JournalFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

class JournalStatsTest
{
    @TempDir
    Path directory;

    private final SetTimeProvider clock = JournalFixtures.clockAt(Instant.parse("2026-11-23T12:00:00Z").toEpochMilli());

    @Test
    void shouldCountRecordsBytesTimeBoundsAndCycleFiles() throws Exception
    {
        final byte[] message = request("acme.Book.Place", 1, 100, 20);
        try (ReplayJournal journal = ReplayJournal.open(
            context(directory, clock).enabledKinds(EnumSet.of(JournalKind.DISPATCH, JournalKind.OUTBOUND))))
        {
            journal.appendDispatch(T0 + 500, DispatchInput.MESSAGE, 1, 0, 1, buffer(message), 0, message.length);
            journal.appendDispatch(T0 + 100, DispatchInput.TIMEOUT, 1, 0, 1, null, 0, 0);
            clock.advanceMillis(HOUR_MS);
            journal.appendDispatch(T0 + 900, DispatchInput.MESSAGE, 1, 0, 2, buffer(message), 0, message.length);
            journal.appendOutbound(0, T0 + 7, FrameKind.ENVELOPE, 1, 0, 0, buffer(message), 0, message.length);
        }

        final JournalStats stats = JournalStats.of(directory);

        final JournalKindStats dispatch = stats.kind(JournalKind.DISPATCH);
        assertThat(dispatch.isPresent()).isTrue();
        assertThat(dispatch.records()).isEqualTo(3);
        assertThat(dispatch.recordBytes()).isEqualTo(3L * DispatchRecordDescriptor.HEADER_LENGTH + 2L * message.length);
        assertThat(dispatch.firstTimeNs()).isEqualTo(T0 + 100);
        assertThat(dispatch.lastTimeNs()).isEqualTo(T0 + 900);
        assertThat(dispatch.cycleFiles()).isEqualTo(2);
        long dispatchFileBytes = 0;
        for (final Path file : JournalFiles.cycleFiles(directory.resolve("dispatch")))
        {
            dispatchFileBytes += Files.size(file);
        }
        assertThat(dispatch.fileBytes()).isEqualTo(dispatchFileBytes).isPositive();

        final JournalKindStats outbound = stats.kind(JournalKind.OUTBOUND);
        assertThat(outbound.records()).isEqualTo(1);
        assertThat(outbound.recordBytes()).isEqualTo(OutboundRecordDescriptor.HEADER_LENGTH + message.length);
        assertThat(outbound.firstTimeNs()).isEqualTo(T0 + 7);
        assertThat(outbound.lastTimeNs()).isEqualTo(T0 + 7);
        assertThat(outbound.cycleFiles()).isEqualTo(1);

        final JournalKindStats ingress = stats.kind(JournalKind.INGRESS);
        assertThat(ingress.isPresent()).isFalse();
        assertThat(ingress.records()).isZero();
        assertThat(ingress.cycleFiles()).isZero();

        assertThat(stats.toString()).contains(
            "dispatch: records=3 bytes=" + dispatch.recordBytes() +
                " first=2026-11-23T12:00:00.000000100Z last=2026-11-23T12:00:00.000000900Z files=2",
            "outbound: records=1",
            "ingress: absent");
    }

    @Test
    void shouldReportAnEmptyJournalWithoutTimeBounds()
    {
        final ReplayJournal journal = ReplayJournal.open(context(directory, clock));
        journal.close();

        final JournalKindStats dispatch = JournalStats.of(directory).kind(JournalKind.DISPATCH);

        assertThat(dispatch.isPresent()).isTrue();
        assertThat(dispatch.records()).isZero();
        assertThat(dispatch.recordBytes()).isZero();
        assertThat(dispatch.firstTimeNs()).isEqualTo(Long.MAX_VALUE);
        assertThat(dispatch.lastTimeNs()).isEqualTo(Long.MIN_VALUE);
        assertThat(dispatch.toString()).isEqualTo("dispatch: records=0 bytes=0 files=0 fileBytes=0");
    }
}
