package dev.actr.journal;

import dev.actr.journal.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryLockTest
{
    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();
    private Path childFiles;
    private boolean passed;

    @BeforeEach
    void createChildDirectory(final TestInfo info) throws IOException
    {
        childFiles = Files.createDirectories(Path.of("target", "directory-lock-test",
            info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime()).toAbsolutePath());
    }

    @AfterEach
    void stopChildren() throws IOException, InterruptedException
    {
        ChildJvm.cleanUp(children, childFiles, passed);
    }

    @Test
    void shouldRefuseASecondOwnerInTheSameProcessAndNameTheFirst()
    {
        try (DirectoryLock first = DirectoryLock.acquire(dir, "first owner"))
        {
            assertThatThrownBy(() -> DirectoryLock.acquire(dir, "second owner"))
                .isInstanceOf(DirectoryLockedException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("first owner")
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(first.owner()).contains("first owner");
        }
        passed = true;
    }

    @Test
    void shouldLetTheDirectoryBeTakenAgainOnceReleased() throws IOException
    {
        DirectoryLock.acquire(dir, "first").close();
        try (DirectoryLock again = DirectoryLock.acquire(dir, "second"))
        {
            assertThat(Files.readString(again.file(), StandardCharsets.UTF_8)).contains("second");
        }
        passed = true;
    }

    @Test
    void shouldKeepTheLockWhenARefusedOwnerLooksAtTheFileInTheSameProcess() throws Exception
    {
        try (DirectoryLock first = DirectoryLock.acquire(dir, "first owner"))
        {
            for (int i = 0; i < 3; i++)
            {
                assertThatThrownBy(() -> DirectoryLock.acquire(dir.resolve(".").normalize(), "again"))
                    .isInstanceOf(DirectoryLockedException.class);
            }
            // POSIX drops a process's lock when any of its descriptors of the file closes: the refusals above
            // must not have opened it. Another process must still be refused.
            final ChildJvm child = ChildJvm.start(childFiles, 1, DirectoryLockHolderChild.READY,
                DirectoryLockHolderChild.class, List.of(dir.toString()));
            children.add(child);
            assertThat(child.awaitExit(-1)).as("the child could not take the directory: " + child.diagnosis())
                .isNotZero();
            assertThat(Files.readString(childFiles.resolve("child-1.err"))).contains("first owner");
            assertThat(first.file()).exists();
        }
        passed = true;
    }

    @Test
    @Tag("slow")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseWhileAnotherProcessHoldsTheDirectoryAndTakeItOnceThatProcessIsKilled() throws Exception
    {
        final ChildJvm child = ChildJvm.start(childFiles, 1, DirectoryLockHolderChild.READY,
            DirectoryLockHolderChild.class, List.of(dir.toString()));
        children.add(child);
        child.awaitReady();

        assertThatThrownBy(() -> DirectoryLock.acquire(dir, "parent"))
            .isInstanceOf(DirectoryLockedException.class)
            .hasMessageContaining(dir.toAbsolutePath().toString())
            .hasMessageContaining("lock holder child, pid " + child.process().pid());

        child.kill();
        try (DirectoryLock lock = DirectoryLock.acquire(dir, "parent"))
        {
            assertThat(lock.owner()).contains("pid " + ProcessHandle.current().pid());
        }
        passed = true;
    }

    @Test
    @Tag("slow")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldLetTheDirectoryGoWhenTheHoldersParentIsGone() throws Exception
    {
        final ChildJvm child = ChildJvm.start(childFiles, 1, DirectoryLockHolderChild.READY,
            DirectoryLockHolderChild.class, List.of(dir.toString()));
        children.add(child);
        child.awaitReady();

        child.stdin().close(); // what the end of this JVM does to the pipe, however it ends

        assertThat(child.awaitExit(ChildJvm.PARENT_GONE_EXIT)).isEqualTo(ChildJvm.PARENT_GONE_EXIT);
        try (DirectoryLock lock = DirectoryLock.acquire(dir, "parent"))
        {
            assertThat(lock.owner()).contains("pid " + ProcessHandle.current().pid());
        }
        passed = true;
    }
}
