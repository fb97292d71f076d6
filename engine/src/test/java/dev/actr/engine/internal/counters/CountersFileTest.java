package dev.actr.engine.internal.counters;

import com.google.protobuf.Int64Value;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.actor.RequestHandler;
import dev.actr.engine.internal.counters.CountersFileReader.Liveness;
import dev.actr.engine.internal.router.RouteTable;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountersFileTest
{
    private static final long START_NS = TimeUnit.DAYS.toNanos(20_000);
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    private final RouteTable routes = new RouteTable();
    private long nowNs = START_NS;

    @Test
    void shouldShowSystemAndRouteCountersToAReaderOfTheFile()
    {
        addRoutes("acme.Book.Place", "acme.Book.Cancel");
        final CountersFile file = CountersFile.create(dir, CountersFile.capacityFor(2), () -> nowNs);
        {
            final SystemCounters counters = new SystemCounters(file.countersManager());
            final RouteLatencyCounters latency = new RouteLatencyCounters(file.countersManager(), routes.entries(),
                nowNs);
            counters.increment(SystemCounter.REQUESTS);
            counters.add(SystemCounter.REQUESTS, 4);
            counters.incrementConcurrently(SystemCounter.ERRORS);
            for (final long value : new long[] {1_000, 2_000, 3_000, 900_000})
            {
                routes.get(0).latencyNs().recordValue(value);
            }

            final CountersFileReader reader = CountersFileReader.open(dir);
            assertThat(reader.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(reader.nodeStartMs()).isEqualTo(TimeUnit.NANOSECONDS.toMillis(START_NS));
            assertThat(reader.liveness()).isEqualTo(Liveness.RUNNING);
            assertThat(value(reader, "requests")).isEqualTo(5).isEqualTo(counters.get(SystemCounter.REQUESTS));
            assertThat(value(reader, "errors")).isEqualTo(1);
            assertThat(labels(reader).subList(0, SystemCounter.values().length)).containsExactly(
                Arrays.stream(SystemCounter.values()).map(SystemCounter::label).toArray(String[]::new));

            nowNs += SECOND_NS - 1;
            assertThat(latency.publishIfDue(nowNs)).as("not yet a second").isZero();
            assertThat(value(reader, "route acme.Book.Place latency count")).isZero();

            nowNs += 1;
            assertThat(latency.publishIfDue(nowNs)).isEqualTo(2);
            assertThat(value(reader, "route acme.Book.Place latency count")).isEqualTo(4);
            assertThat(value(reader, "route acme.Book.Place latency p50 ns")).isBetween(1_999L, 2_001L);
            assertThat(value(reader, "route acme.Book.Place latency p99 ns")).isBetween(899_000L, 901_000L);
            assertThat(value(reader, "route acme.Book.Place latency max ns")).isBetween(899_000L, 901_000L);
            assertThat(value(reader, "route acme.Book.Cancel latency count")).isZero();

            routes.get(0).latencyNs().recordValue(5_000);
            assertThat(latency.copy("acme.Book.Place").getTotalCount()).as("cumulative since start").isEqualTo(5);
            assertThat(value(reader, "route acme.Book.Place latency count")).as("copy publishes").isEqualTo(5);
            assertThat(latency.publishIfDue(nowNs + SECOND_NS / 2)).isZero();
            assertThatThrownBy(() -> latency.copy("acme.Nope")).hasMessage("no such route: acme.Nope");

            nowNs += SECOND_NS;
            file.close();
            assertThat(reader.liveness()).isEqualTo(Liveness.CLOSED);
            assertThat(reader.closeMs()).isEqualTo(TimeUnit.NANOSECONDS.toMillis(nowNs));
            assertThat(value(reader, "requests")).as("values kept after close").isEqualTo(5);
        }
    }

    @Test
    void shouldKeepRouteTypeIdsAndKeys()
    {
        addRoutes("a.B.C");
        try (CountersFile file = CountersFile.create(null, CountersFile.capacityFor(1), () -> nowNs))
        {
            new SystemCounters(file.countersManager());
            new RouteLatencyCounters(file.countersManager(), routes.entries(), nowNs);
            final List<String> routeKeys = new ArrayList<>();
            file.countersManager().forEach((id, typeId, key, label) ->
            {
                if (typeId == CountersFileDescriptor.ROUTE_LATENCY_TYPE_ID)
                {
                    routeKeys.add(key.getInt(0) + "/" + key.getInt(4) + " " + label);
                }
                else
                {
                    assertThat(typeId).isEqualTo(CountersFileDescriptor.SYSTEM_COUNTER_TYPE_ID);
                    assertThat(key.getInt(0)).isEqualTo(id);
                }
            });
            assertThat(file.path()).isNull();
            assertThat(routeKeys).containsExactly("0/0 route a.B.C latency count", "0/1 route a.B.C latency p50 ns",
                "0/2 route a.B.C latency p99 ns", "0/3 route a.B.C latency max ns");
            assertThat(file.countersManager().available()).isZero();
        }
    }

    @Test
    void shouldLeaveTheMappingOfAnEarlierRunAloneWhenReplacingItsFile()
    {
        final CountersFile first = CountersFile.create(dir, CountersFile.capacityFor(0), () -> nowNs);
        final SystemCounters firstCounters = new SystemCounters(first.countersManager());
        final CountersFileReader firstReader = CountersFileReader.open(dir);
        final CountersFile second = CountersFile.create(dir, CountersFile.capacityFor(0), () -> nowNs);
        new SystemCounters(second.countersManager());

        firstCounters.increment(SystemCounter.TELLS);

        assertThat(value(firstReader, "tells")).isEqualTo(1);
        assertThat(value(CountersFileReader.open(dir), "tells")).isZero();
        first.close();
        second.close();
    }

    @Test
    void shouldTellADeadNodeFromALiveOne() throws Exception
    {
        CountersFile.create(dir, CountersFile.capacityFor(0), () -> nowNs);
        final CountersFileReader reader = CountersFileReader.open(dir);
        assertThat(reader.liveness()).isEqualTo(Liveness.RUNNING);

        final UnsafeBuffer header = mapHeader();
        header.putLong(CountersFileDescriptor.PROCESS_START_MS_OFFSET, reader.processStartMs() - 60_000);
        assertThat(reader.liveness()).as("our pid, but a process started earlier: the pid was reused")
            .isEqualTo(Liveness.DEAD);

        header.putLong(CountersFileDescriptor.PID_OFFSET, Integer.MAX_VALUE + 1L);
        assertThat(reader.liveness()).as("no such process").isEqualTo(Liveness.DEAD);
    }

    @Test
    void shouldRefuseFilesItCannotRead() throws Exception
    {
        assertThatThrownBy(() -> CountersFileReader.open(dir.resolve("nope")))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("no such directory: " + dir.resolve("nope"));
        assertThatThrownBy(() -> CountersFileReader.open(dir))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no counters file ");

        CountersFile.create(dir, CountersFile.capacityFor(0), () -> nowNs);
        final UnsafeBuffer header = mapHeader();
        header.putInt(CountersFileDescriptor.VERSION_OFFSET, 0);
        assertThatThrownBy(() -> CountersFileReader.open(dir)).hasMessageEndingWith("is still being made by its node");
        header.putInt(CountersFileDescriptor.VERSION_OFFSET, 7);
        assertThatThrownBy(() -> CountersFileReader.open(dir))
            .hasMessageEndingWith("has counters layout version 7, this actr reads 1");
        header.putInt(CountersFileDescriptor.VERSION_OFFSET, CountersFileDescriptor.VERSION);
        header.putInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET, 1 << 30);
        assertThatThrownBy(() -> CountersFileReader.open(dir)).hasMessageContaining("is damaged: buffer lengths");
    }

    private UnsafeBuffer mapHeader() throws Exception
    {
        try (FileChannel channel = FileChannel.open(dir.resolve(CountersFileDescriptor.FILE_NAME),
            StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            return new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_WRITE, 0,
                CountersFileDescriptor.HEADER_LENGTH));
        }
    }

    private void addRoutes(final String... keys)
    {
        final RequestHandler<Int64Value, Int64Value> echo = (ctx, value) -> value;
        for (final String key : keys)
        {
            routes.add(key, 1, 0, Int64Value.parser(), echo, null);
        }
    }

    private static long value(final CountersFileReader reader, final String label)
    {
        final CountersReader counters = reader.countersReader();
        final long[] found = {Long.MIN_VALUE};
        counters.forEach((id, typeId, key, text) ->
        {
            if (text.equals(label))
            {
                found[0] = counters.getCounterValue(id);
            }
        });
        assertThat(found[0]).as("counter " + label).isNotEqualTo(Long.MIN_VALUE);
        return found[0];
    }

    private static List<String> labels(final CountersFileReader reader)
    {
        final List<String> labels = new ArrayList<>();
        reader.countersReader().forEach((id, typeId, key, label) -> labels.add(label));
        return labels;
    }
}
