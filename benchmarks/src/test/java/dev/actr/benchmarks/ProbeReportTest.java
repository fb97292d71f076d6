package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProbeReportTest
{
    @TempDir
    Path results;

    @AfterEach
    void clearProperty()
    {
        System.clearProperty(ProbeReport.RESULTS_PROP);
    }

    @Test
    void shouldWriteNestedMapsAndListsInOrderWithEscapedStrings() throws IOException
    {
        System.setProperty(ProbeReport.RESULTS_PROP, results.resolve("out").toString());
        final Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", Double.NaN);
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", "say \"hi\"\\\n");
        report.put("ok", true);
        report.put("none", null);
        report.put("list", List.of(1, 2.5, inner));

        final Path file = ProbeReport.write("r.json", report);

        assertThat(file).isEqualTo(results.resolve("out").resolve("r.json"));
        final String json = Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\s+", "");
        assertThat(json).isEqualTo(
            "{\"name\":\"say\\\"hi\\\"\\\\\\u000a\",\"ok\":true,\"none\":null,\"list\":[1,2.5,{\"z\":1,\"a\":null}]}");
    }

    @Test
    void shouldReportPercentilesInMicroseconds()
    {
        final Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 100; i++)
        {
            histogram.recordValue(i * 1_000L);
        }

        final Map<String, Object> percentiles = ProbeReport.percentilesUs(histogram);

        // HdrHistogram answers the highest value equivalent to the one recorded (3 significant digits).
        assertThat(percentiles).containsEntry("count", 100L).containsEntry("unit", "us");
        assertThat((double)percentiles.get("p50")).isCloseTo(50.0, within(0.1));
        assertThat((double)percentiles.get("p99")).isCloseTo(99.0, within(0.1));
        assertThat((double)percentiles.get("max")).isCloseTo(100.0, within(0.1));
    }

    @Test
    void shouldHandBackTheConstantOnlyForItsOwnEncoding() throws InvalidProtocolBufferException
    {
        final Int64Value constant = Int64Value.of(42);
        final BenchNodes.ConstantInt64Parser parser = new BenchNodes.ConstantInt64Parser(constant);
        final byte[] own = constant.toByteArray();
        final byte[] padded = Arrays.copyOf(new byte[3], 3 + own.length);
        System.arraycopy(own, 0, padded, 3, own.length);
        final byte[] other = Int64Value.of(43).toByteArray();

        assertThat(parser.parseFrom(padded, 3, own.length)).isSameAs(constant);
        assertThat(parser.parseFrom(other, 0, other.length)).isNotSameAs(constant).isEqualTo(Int64Value.of(43));
    }
}
