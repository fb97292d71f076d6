package dev.actr.journal.integrity;

import net.openhft.chronicle.queue.RollCycle;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Cycle numbers and cycle file names: Chronicle names a cycle's file with the roll cycle's date format (UTC) of the
 * cycle's start.
 */
final class CycleNames
{
    private CycleNames()
    {
    }

    static String name(final RollCycle rollCycle, final int cycle)
    {
        final long millis = (long)cycle * rollCycle.lengthInMillis() + rollCycle.defaultEpoch();
        return DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli(millis)) + ".cq4";
    }

    static int cycleOf(final RollCycle rollCycle, final Path file)
    {
        final String name = file.getFileName().toString();
        final String text = name.substring(0, name.length() - ".cq4".length());
        final DateTimeFormatter format = new DateTimeFormatterBuilder().appendPattern(rollCycle.format())
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();
        final long millis = LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC).toEpochMilli();
        return (int)((millis - rollCycle.defaultEpoch()) / rollCycle.lengthInMillis());
    }

    static long startMillis(final RollCycle rollCycle, final int cycle)
    {
        return (long)cycle * rollCycle.lengthInMillis() + rollCycle.defaultEpoch();
    }
}
