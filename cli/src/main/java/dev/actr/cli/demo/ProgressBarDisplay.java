package dev.actr.cli.demo;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;

/**
 * A lane's progress as a progress bar (me.tongfei:progressbar) on one line of the demo's output, redrawn by the
 * library's own thread every {@link #UPDATE_INTERVAL_MS} ms.
 */
final class ProgressBarDisplay implements DemoProgress
{
    private static final int UPDATE_INTERVAL_MS = 200;
    private static final int WIDTH = 100;

    private final ProgressBar bar;

    /**
     * @param out   where the bar is drawn.
     * @param lane  the lane's name.
     * @param total requests of the run.
     */
    ProgressBarDisplay(final PrintStream out, final String lane, final long total)
    {
        bar = new ProgressBarBuilder()
            .setTaskName(String.format("%-11s", lane))
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(UPDATE_INTERVAL_MS)
            .setConsumer(new ConsoleProgressBarConsumer(out, WIDTH))
            .setUnit(" req", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .build();
    }

    @Override
    public void onProgress(final long completed)
    {
        bar.stepTo(completed);
    }

    @Override
    public void close()
    {
        bar.close();
    }
}
