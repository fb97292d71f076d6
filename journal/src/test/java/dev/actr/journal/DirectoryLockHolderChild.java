package dev.actr.journal;

import dev.actr.journal.testing.ChildJvm;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link DirectoryLockTest} starts: takes a directory with {@link DirectoryLock}, prints
 * {@code READY <pid>} and holds it until it is killed. Argument: the directory.
 */
final class DirectoryLockHolderChild
{
    static final String READY = "READY";

    private DirectoryLockHolderChild()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        ChildJvm.exitWhenParentDies();
        final DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]), "lock holder child");
        System.out.println(READY + " " + ProcessHandle.current().pid() + " " + lock.file());
        System.out.flush();
        new CountDownLatch(1).await(); // held until SIGKILL: the kernel then drops the lock
    }
}
