package dev.actr.benchmarks.chart;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * A latency in µs with as many digits as it deserves: {@code 0.23}, {@code 4.7}, {@code 155}, {@code 16,429}.
 * Formatting only; NOT thread safe (as {@link NumberFormat} is not).
 */
final class LatencyFormat extends NumberFormat
{
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos)
    {
        final double magnitude = Math.abs(number);
        final String pattern = magnitude < 10 ? "%.2f" : magnitude < 100 ? "%.1f" : "%,.0f";
        return toAppendTo.append(String.format(java.util.Locale.ROOT, pattern, number));
    }

    @Override
    public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos)
    {
        return format((double)number, toAppendTo, pos);
    }

    @Override
    public Number parse(final String source, final ParsePosition parsePosition)
    {
        throw new UnsupportedOperationException("formatting only");
    }
}
