package dev.actr.benchmarks.chart;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;

/**
 * Draws a suite's latency percentiles with JFreeChart: one horizontal bar chart per lane group (in-process, WebSocket,
 * WebRTC, open loop), stacked on one shared logarithmic µs axis, three bars per case (p50, p99, p99.9) with their
 * values printed at the bar ends. The height grows with the number of cases ({@link #heightPx}) so that every bar
 * keeps its thickness.
 */
final class BenchChart
{
    /** Width of the PNG. */
    public static final int WIDTH_PX = 1400;
    /** The series of every group, in order. */
    public static final List<String> SERIES = List.of("p50", "p99", "p99.9");

    private static final int TITLES_PX = 160;
    private static final int CASE_PX = 40;
    private static final int GROUP_PX = 30;
    private static final Color[] COLOURS = {new Color(0x2b6cb0), new Color(0xdd8a2e), new Color(0xc53030)};
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font VALUE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private BenchChart()
    {
    }

    /**
     * @param results the results.
     * @return the chart.
     */
    public static JFreeChart create(final BenchResults results)
    {
        final LogAxis latency = new LogAxis("round-trip latency, µs, log scale (open loop: from each call's " +
            "intended send time); lower is better");
        final double[] bounds = bounds(results.cases());
        latency.setRange(bounds[0], bounds[1]);
        latency.setSmallestValue(bounds[0]);
        latency.setTickUnit(new NumberTickUnit(1));
        latency.setMinorTickCount(9);
        latency.setMinorTickMarksVisible(true);
        latency.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        final CombinedRangeCategoryPlot plot = new CombinedRangeCategoryPlot(latency);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(12);
        LegendItemCollection legend = null;
        for (final Map.Entry<String, List<LatencyCase>> group : results.groups().entrySet())
        {
            final CategoryPlot subplot = subplot(group.getKey(), group.getValue(), bounds[0]);
            plot.add(subplot, group.getValue().size());
            if (legend == null)
            {
                legend = subplot.getRenderer().getLegendItems();
            }
        }
        plot.setFixedLegendItems(legend);
        final JFreeChart chart = new JFreeChart("actr round-trip latency against its peers, p50 / p99 / p99.9",
            new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 8, 36));
        chart.getLegend().setPosition(RectangleEdge.TOP);
        if (!results.subtitle().isEmpty())
        {
            chart.addSubtitle(new TextTitle(results.subtitle(), LABEL_FONT));
        }
        return chart;
    }

    /**
     * @param results the results.
     * @return the PNG's height for them, px.
     */
    public static int heightPx(final BenchResults results)
    {
        return TITLES_PX + CASE_PX * results.cases().size() + GROUP_PX * results.groups().size();
    }

    /**
     * Draw the chart into a PNG of {@link #WIDTH_PX} × {@link #heightPx}.
     *
     * @param results the results.
     * @param png     the file to write (replaced).
     * @throws IOException when it cannot be written.
     */
    public static void write(final BenchResults results, final Path png) throws IOException
    {
        ChartUtils.saveChartAsPNG(png.toFile(), create(results), WIDTH_PX, heightPx(results));
    }

    private static CategoryPlot subplot(final String group, final List<LatencyCase> cases, final double floorUs)
    {
        final DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (final LatencyCase latency : cases)
        {
            dataset.addValue(Math.max(floorUs, latency.p50Us()), SERIES.get(0), latency.label());
            dataset.addValue(Math.max(floorUs, latency.p99Us()), SERIES.get(1), latency.label());
            dataset.addValue(Math.max(floorUs, latency.p999Us()), SERIES.get(2), latency.label());
        }
        final CategoryAxis axis = new CategoryAxis(group);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        axis.setTickLabelFont(LABEL_FONT);
        axis.setMaximumCategoryLabelWidthRatio(0.3f);
        axis.setCategoryMargin(0.25);
        final BarRenderer renderer = new BarRenderer();
        renderer.setBase(floorUs);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.0);
        for (int i = 0; i < COLOURS.length; i++)
        {
            renderer.setSeriesPaint(i, COLOURS[i]);
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new LatencyFormat()));
        renderer.setDefaultItemLabelFont(VALUE_FONT);
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
            TextAnchor.CENTER_LEFT));
        final CategoryPlot subplot = new CategoryPlot(dataset, axis, null, renderer);
        subplot.setBackgroundPaint(new Color(0xf7f7f7));
        subplot.setRangeGridlinePaint(Color.GRAY);
        subplot.setRangeMinorGridlinesVisible(true);
        return subplot;
    }

    /**
     * @param cases the cases.
     * @return the axis' lower and upper bounds: the powers of ten around every value (headroom for the labels).
     */
    private static double[] bounds(final List<LatencyCase> cases)
    {
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (final LatencyCase latency : cases)
        {
            for (final double value : new double[] {latency.p50Us(), latency.p99Us(), latency.p999Us()})
            {
                if (value > 0)
                {
                    lowest = Math.min(lowest, value);
                    highest = Math.max(highest, value);
                }
            }
        }
        if (highest == 0)
        {
            return new double[] {0.1, 10};
        }
        return new double[] {Math.pow(10, Math.floor(Math.log10(lowest))),
            Math.pow(10, Math.ceil(Math.log10(highest * 3)))};
    }
}
