package dev.actr.journal.replay;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayJournalContextTest
{
    @Test
    void shouldStartFromTheDocumentedDefaults()
    {
        final ReplayJournalContext ctx = new ReplayJournalContext().directory(Path.of("journal")).conclude();

        assertThat(ctx.enabledKinds()).containsExactlyInAnyOrder(JournalKind.values());
        assertThat(ctx.rollCycle()).isEqualTo(RollCycles.FAST_HOURLY);
        assertThat(ctx.retentionCycles()).isEqualTo(24);
        assertThat(ctx.timeProvider()).isSameAs(SystemTimeProvider.INSTANCE);
        assertThat(ctx.blockSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(ctx.maxRecordLength()).isEqualTo(16 * 1024 * 1024);
        assertThat(ctx.toString()).isEqualTo("ReplayJournalContext{directory=journal, " +
            "enabledKinds=[INGRESS, DISPATCH, OUTBOUND], rollCycle=FAST_HOURLY, retentionCycles=24, timeProvider=" +
            SystemTimeProvider.INSTANCE + ", blockSize=67108864}");
    }

    @Test
    void shouldRequireADirectory()
    {
        assertThatThrownBy(() -> new ReplayJournalContext().conclude())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("directory must be set");
    }

    @Test
    void shouldRejectTestRollCyclesThatAllowTooFewRecords()
    {
        assertThatThrownBy(() -> new ReplayJournalContext().directory(Path.of("j")).rollCycle(TestRollCycles.TEST_DAILY)
            .conclude())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not a TEST_* cycle");
    }

    @Test
    void shouldRejectInvalidRetentionAndBlockSize()
    {
        assertThatThrownBy(() -> new ReplayJournalContext().directory(Path.of("j")).retentionCycles(0).conclude())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("retentionCycles must be >= 1");
        assertThatThrownBy(() -> new ReplayJournalContext().directory(Path.of("j")).blockSize(4096).conclude())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("blockSize must be >= 262144");
        assertThatThrownBy(() -> new ReplayJournalContext().directory(Path.of("j")).timeProvider(null).conclude())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("timeProvider must be set");
    }

    @Test
    void shouldCopyTheEnabledKinds()
    {
        final EnumSet<JournalKind> kinds = EnumSet.of(JournalKind.DISPATCH);
        final ReplayJournalContext ctx = new ReplayJournalContext().enabledKinds(kinds);
        kinds.add(JournalKind.INGRESS);

        assertThat(ctx.enabledKinds()).containsExactly(JournalKind.DISPATCH);
        assertThat(ctx.isEnabled(JournalKind.INGRESS)).isFalse();
        assertThat(new ReplayJournalContext().enabledKinds(EnumSet.noneOf(JournalKind.class)).enabledKinds()).isEmpty();
    }
}
