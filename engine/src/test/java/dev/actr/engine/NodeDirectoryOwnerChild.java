package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.journal.testing.ChildJvm;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link NodeDirectoryLockTest} starts: launches a durable node on a directory, prints
 * {@code READY <pid>} and runs until it is killed. Argument: the node directory.
 */
final class NodeDirectoryOwnerChild
{
    static final String READY = "READY";

    private NodeDirectoryOwnerChild()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        ChildJvm.exitWhenParentDies();
        final ActrNode node = ActrNode.launch(new NodeContext().directory(Path.of(args[0]))
            .actor(Ids.A, routes -> routes.handle("t.Echo", Int64Value.parser(), (c, request) -> request)));
        System.out.println(READY + " " + ProcessHandle.current().pid() + " " + node.context().directory());
        System.out.flush();
        new CountDownLatch(1).await(); // runs until SIGKILL: the kernel then drops the directory lock
    }
}
