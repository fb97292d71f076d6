package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Routes;
import dev.actr.journal.DirectoryLockedException;
import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.replay.ReplayJournal;
import dev.actr.journal.replay.ReplayJournalContext;
import dev.actr.journal.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One node per directory (issue #8): a second launch on a directory a live node holds, in this process or another,
 * is refused at once naming the directory and the owner; a node killed with SIGKILL never blocks the next launch;
 * writers of a live node's stores are refused, its read-only readers are not.
 */
class NodeDirectoryLockTest
{
    private final List<ChildJvm> children = new ArrayList<>();
    private Path root;
    private Path dir;
    private boolean passed;

    @BeforeEach
    void createDirectories(final TestInfo info) throws IOException
    {
        root = Files.createDirectories(Path.of("target", "node-directory-lock-test",
            info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime()).toAbsolutePath());
        dir = root.resolve("node");
    }

    @AfterEach
    void stopChildrenAndDeleteFilesIfPassed() throws IOException, InterruptedException
    {
        ChildJvm.cleanUp(children, root, passed);
    }

    private NodeContext echoNode()
    {
        return new NodeContext().directory(dir)
            .actor(Ids.A, routes -> routes.handle("t.Echo", Int64Value.parser(), (c, request) -> request));
    }

    private void assertServes(final ActrNode node)
    {
        assertThat(node.host().callBlocking(Dest.workload(Ids.A), "t.Echo", Int64Value.of(3), Int64Value.parser(),
            5_000).getValue()).isEqualTo(3);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseASecondNodeOnTheSameDirectoryInThisProcessAndLaunchOnceTheFirstIsClosed()
    {
        try (ActrNode first = ActrNode.launch(echoNode()))
        {
            assertThatThrownBy(() -> ActrNode.launch(echoNode()))
                .isInstanceOf(DirectoryLockedException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("actr node, pid " + ProcessHandle.current().pid());
            assertServes(first);
        }
        try (ActrNode second = ActrNode.launch(echoNode()))
        {
            assertServes(second);
        }
        passed = true;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReleaseTheDirectoryWhenTheLaunchFails()
    {
        final NodeContext failing = new NodeContext().directory(dir).actor(Ids.A, new dev.actr.engine.actor.Actor()
        {
            public void onRegister(final Routes routes)
            {
                routes.handle("t.Echo", Int64Value.parser(), (c, request) -> request);
            }

            public void onStart(final ActorContext ctx)
            {
                throw new IllegalStateException("cannot start");
            }
        });
        assertThatThrownBy(() -> ActrNode.launch(failing)).hasMessage("cannot start");
        try (ActrNode node = ActrNode.launch(echoNode()))
        {
            assertServes(node);
        }
        passed = true;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseWritersOfALiveNodesStoresAndLetItsEffectReaderRead()
    {
        try (ActrNode node = ActrNode.launch(echoNode().journalEnabled(true)))
        {
            assertServes(node);
            assertThatThrownBy(() -> ChronicleMailbox.open(new ChronicleMailboxContext()
                .directory(dir.resolve("mailbox")))).isInstanceOf(DirectoryLockedException.class)
                .hasMessageContaining("actr mailbox");
            assertThatThrownBy(() -> new DedupJournal(dir.resolve("dedup"), 1_000_000_000L))
                .isInstanceOf(DirectoryLockedException.class).hasMessageContaining("actr dedup journal");
            assertThatThrownBy(() -> ReplayJournal.open(new ReplayJournalContext().directory(dir.resolve("journal"))))
                .isInstanceOf(DirectoryLockedException.class).hasMessageContaining("actr replay journal");
            try (EffectReader reader = ActrNode.effectReader(dir))
            {
                assertThat(reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) -> { }, 16))
                    .as("the commit of the echo").isEqualTo(1);
            }
            assertServes(node);
        }
        passed = true;
    }

    @Test
    @Tag("slow")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRefuseANodeOnADirectoryANodeInAnotherProcessHoldsAndLaunchOnceThatProcessIsKilled() throws Exception
    {
        final ChildJvm child = ChildJvm.start(root, 1, NodeDirectoryOwnerChild.READY, NodeDirectoryOwnerChild.class,
            List.of(dir.toString()));
        children.add(child);
        child.awaitReady();

        final long started = System.nanoTime();
        assertThatThrownBy(() -> ActrNode.launch(echoNode()))
            .isInstanceOf(DirectoryLockedException.class)
            .hasMessageContaining(dir.toAbsolutePath().toString())
            .hasMessageContaining("actr node, pid " + child.process().pid());
        assertThat(System.nanoTime() - started).as("refused at once, not after a timeout")
            .isLessThan(TimeUnit.SECONDS.toNanos(5));

        child.kill();
        try (ActrNode node = ActrNode.launch(echoNode()))
        {
            assertServes(node);
        }
        passed = true;
    }
}
