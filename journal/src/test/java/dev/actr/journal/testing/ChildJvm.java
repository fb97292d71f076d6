package dev.actr.journal.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A child JVM for a crash test to kill: started with this JVM's actr flags and class path, its stdout copied to
 * {@code child-<run>.out} and its stderr to {@code child-<run>.err} in the test's directory, and failing the test
 * with the tail of that stderr when it does not start, exit or die as expected.
 *
 * <p>NOT thread safe: one test thread drives a child (the stdout copier is internal).
 */
public final class ChildJvm
{
    /** How long a child gets to print its ready line, and to exit. */
    public static final long TIMEOUT_S = 60;
    /** SIGKILL as {@link Process#exitValue()} reports it on Linux: 128 + 9. */
    private static final int KILLED_EXIT = 128 + 9;
    /** A child's exit status when {@link #exitWhenParentDies()} saw its parent go. */
    public static final int PARENT_GONE_EXIT = 3;
    private static final long DESTROY_TIMEOUT_S = 10;
    private static final int STDERR_TAIL_LINES = 40;

    private final int run;
    private final Process process;
    private final Path stderr;
    private final String readyPrefix;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ChildJvm(final int run, final Process process, final Path stderr, final String readyPrefix)
    {
        this.run = run;
        this.process = process;
        this.stderr = stderr;
        this.readyPrefix = readyPrefix;
    }

    /**
     * Start {@code java <actr flags> -Xmx256m -XX:+UseSerialGC -cp <this class path> mainClass args...}. Its stdin
     * is a pipe this JVM never writes to and keeps open: it ends when this JVM dies, however it dies, and a child that
     * called {@link #exitWhenParentDies()} then exits too.
     *
     * @param dir         where {@code child-<run>.out} and {@code child-<run>.err} go.
     * @param run         number of this run, in file and thread names and in {@link #diagnosis()}.
     * @param readyPrefix the child prints a line starting with this once it works; see {@link #awaitReady()}.
     * @param mainClass   the child's main class, on this JVM's class path.
     * @param args        the child's arguments.
     * @return the started child: register it for {@link #cleanUp(List, Path, boolean)} after the test.
     * @throws IOException when the process cannot be started.
     */
    public static ChildJvm start(
        final Path dir, final int run, final String readyPrefix, final Class<?> mainClass, final List<String> args)
        throws IOException
    {
        return start(dir, run, readyPrefix, mainClass, args, null);
    }

    /**
     * As {@link #start(Path, int, String, Class, List)}, for a test that talks with its child in lines: the child's
     * stdin is a pipe ({@link #stdin()}), and every line the child prints is also handed to {@code onLine}, on the
     * thread that copies the child's stdout (in order; it must not block).
     *
     * @param dir         where {@code child-<run>.out} and {@code child-<run>.err} go.
     * @param run         number of this run.
     * @param readyPrefix the child prints a line starting with this once it works.
     * @param mainClass   the child's main class, on this JVM's class path.
     * @param args        the child's arguments.
     * @param onLine      takes each line of the child's stdout; null for none.
     * @return the started child.
     * @throws IOException when the process cannot be started.
     */
    public static ChildJvm start(
        final Path dir,
        final int run,
        final String readyPrefix,
        final Class<?> mainClass,
        final List<String> args,
        final Consumer<String> onLine)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        final Path stderr = dir.resolve("child-" + run + ".err");
        final Path stdout = dir.resolve("child-" + run + ".out");
        final ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        final Process process = builder.start();
        final ChildJvm child = new ChildJvm(run, process, stderr, readyPrefix);
        final Thread reader = new Thread(
            () -> child.copyStdout(stdout, onLine), mainClass.getSimpleName() + "-" + run + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /**
     * For a child's main that never reads stdin: halt this JVM (status {@value #PARENT_GONE_EXIT}) when stdin ends,
     * that is when the test JVM that started it is gone — a test JVM that died of an error (out of memory, a
     * timeout's kill) leaves no child behind working for nobody.
     */
    public static void exitWhenParentDies()
    {
        final Thread watcher = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    continue;
                }
            }
            catch (final IOException ignored)
            {
                // the pipe broke: the parent is gone as well
            }
            Runtime.getRuntime().halt(PARENT_GONE_EXIT);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * The flags of the root pom's {@code actr.jvm.flags} (and the JDK 24+ ones) that Surefire gave this JVM: the
     * {@code --add-exports}, {@code --add-opens}, {@code --enable-native-access},
     * {@code --sun-misc-unsafe-memory-access} and {@code -Dchronicle.*} arguments. Fails the test when
     * {@code sun.nio.ch} is not among them: without it Chronicle silently turns read-only.
     *
     * @return the flags, in this JVM's order.
     */
    public static List<String> jvmFlags()
    {
        final List<String> input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        final List<String> flags = new ArrayList<>();
        for (int i = 0; i < input.size(); i++)
        {
            final String arg = input.get(i);
            if (arg.startsWith("--add-exports") || arg.startsWith("--add-opens") ||
                arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access"))
            {
                flags.add(arg);
                if (!arg.contains("=") && i + 1 < input.size())
                {
                    flags.add(input.get(++i));
                }
            }
            else if (arg.startsWith("-Dchronicle."))
            {
                flags.add(arg);
            }
        }
        assertThat(flags).as("JVM flags from actr.jvm.flags (run through Maven): " + input)
            .anyMatch(flag -> flag.contains("java.base/sun.nio.ch"));
        return flags;
    }

    /**
     * After a test: kill the children that still run (only after a failure or a timeout can one), waiting up to
     * 10 s for each; then delete {@code dir} and all in it if the test passed, or name it on stderr if not.
     *
     * @param children every child the test started.
     * @param dir      the test's directory: the children's files and output.
     * @param passed   whether the test got to its end.
     * @throws IOException          when a file cannot be deleted.
     * @throws InterruptedException when interrupted while waiting for a child.
     */
    public static void cleanUp(final List<ChildJvm> children, final Path dir, final boolean passed)
        throws IOException, InterruptedException
    {
        for (final ChildJvm child : children)
        {
            child.process.destroyForcibly();
            child.process.waitFor(DESTROY_TIMEOUT_S, TimeUnit.SECONDS);
        }
        if (!passed)
        {
            System.err.println("Kept the files and child output of the failed test in " + dir);
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.delete(path);
            }
        }
    }

    /**
     * A kill can cut the last line of a log short (it then lacks its newline): end it with {@code marker} and a
     * newline, so that the next run starts on a line of its own.
     *
     * @param log    the log; a missing or empty one is left alone.
     * @param marker appended before the newline (empty for none).
     * @return 1 when a torn line was ended, else 0.
     * @throws IOException when the log cannot be read or appended to.
     */
    public static int endTornLine(final Path log, final String marker) throws IOException
    {
        if (!Files.exists(log) || Files.size(log) == 0)
        {
            return 0;
        }
        final byte[] bytes = Files.readAllBytes(log);
        if (bytes[bytes.length - 1] == '\n')
        {
            return 0;
        }
        Files.write(log, (marker + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        return 1;
    }

    /**
     * @return the child's process, for the test's own waits.
     */
    public Process process()
    {
        return process;
    }

    /**
     * Wait up to {@link #TIMEOUT_S} for the child's ready line; fails the test (killing the child) when stdout
     * closes or the time runs out first.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void awaitReady() throws InterruptedException
    {
        try
        {
            ready.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            process.destroyForcibly();
            fail("child not ready (" + ex + "): " + diagnosis());
        }
    }

    /**
     * Wait up to {@link #TIMEOUT_S} for the child to exit; fails the test (killing the child) when it does not, or
     * when it exits with another code than expected.
     *
     * @param expected exit code, or -1 for any.
     * @return the exit code.
     * @throws InterruptedException when interrupted while waiting.
     */
    public int awaitExit(final int expected) throws InterruptedException
    {
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("child did not exit: " + diagnosis());
        }
        final int exit = process.exitValue();
        if (expected >= 0 && exit != expected)
        {
            fail("child exit " + exit + ", expected " + expected + ": " + diagnosis());
        }
        return exit;
    }

    /**
     * SIGKILL the child (on Linux: no shutdown hook, no close, no checkpoint) and wait for it to exit with 137.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        awaitExit(KILLED_EXIT);
    }

    /**
     * @return the run, whether the child is alive or its exit code, and the last 40 lines of its stderr: for
     * failure messages.
     */
    public String diagnosis()
    {
        String tail;
        try
        {
            final List<String> lines = Files.readAllLines(stderr);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
        }
        catch (final IOException ex)
        {
            tail = ex.toString();
        }
        return "run " + run + (process.isAlive() ? " alive" : " exit " + process.exitValue()) + ", stderr " +
            stderr + ":\n" + tail;
    }

    /**
     * @return the child's stdin, a pipe when it was started with a line listener.
     */
    public OutputStream stdin()
    {
        return process.getOutputStream();
    }

    private void copyStdout(final Path stdout, final Consumer<String> onLine)
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            BufferedWriter out = Files.newBufferedWriter(stdout))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                out.write(line);
                out.newLine();
                out.flush();
                if (onLine != null)
                {
                    onLine.accept(line);
                }
                if (line.startsWith(readyPrefix))
                {
                    ready.complete(line);
                }
            }
        }
        catch (final IOException ex)
        {
            ready.completeExceptionally(ex);
        }
        ready.completeExceptionally(new IllegalStateException("stdout closed before " + readyPrefix));
    }
}
