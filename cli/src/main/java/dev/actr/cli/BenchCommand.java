package dev.actr.cli;

import dev.actr.engine.internal.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code actr bench [--quick] [JMH arguments]}: runs the JMH suite of the benchmarks module's shaded jar
 * ({@code benchmarks/target/benchmarks.jar}) in a JVM of its own, with actr's JVM flags in the harness and in every
 * fork. Any JMH argument passes through ({@code FrameCodec -prof gc}, {@code -rf json -rff out.json}, {@code -l}).
 */
@Command(name = "bench", description = {"Run the JMH benchmarks with actr's JVM flags; JMH arguments pass through.",
    "Examples: actr bench --quick FrameCodecBenchmark; actr bench HostCall -prof gc; actr bench -- -h (JMH's help)"})
final class BenchCommand implements Callable<Integer>
{
    /** Where the benchmarks jar is under the repository root. */
    static final String JAR = "benchmarks/target/benchmarks.jar";
    /** A short run: one fork, one warm-up and three measurement iterations of a second. */
    static final List<String> QUICK = List.of("-f", "1", "-wi", "1", "-i", "3", "-w", "1s", "-r", "1s");

    private final Path home;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--quick", description = "One fork, 1 warm-up and 3 measurement iterations of 1 s (JMH " +
        "arguments after it still override).")
    boolean quick;

    @Option(names = "--jar", paramLabel = "JAR", description = "The JMH jar (default: <repository>/" + JAR + ").")
    Path jar;

    @Parameters(paramLabel = "JMH-ARGS", arity = "0..*", description = "Passed to JMH: a benchmark regex, options.")
    List<String> jmhArgs = new ArrayList<>();

    BenchCommand(final Path home)
    {
        this.home = home;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        final Path benchmarks = jar != null ? jar : home.resolve(JAR);
        if (!Files.isRegularFile(benchmarks))
        {
            throw new CliException(ActrMain.EXIT_USAGE, "no benchmarks jar at " + benchmarks + "; build it with " +
                "'mvn -B -q -DskipTests package -pl benchmarks -am' (./actr bench builds it when missing)");
        }
        final Process process;
        try
        {
            process = new ProcessBuilder(command(javaExecutable(), benchmarks, quick, jmhArgs))
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + javaExecutable() + ": " + ex.getMessage(), ex);
        }
        final Thread errCopier = copier(process.getErrorStream(), spec.commandLine().getErr());
        try
        {
            copy(process.getInputStream(), spec.commandLine().getOut());
            errCopier.join();
            final int status = process.waitFor();
            if (status != 0)
            {
                throw new CliException(ActrMain.EXIT_FAILURE, "JMH exited with status " + status);
            }
            return ActrMain.EXIT_OK;
        }
        finally
        {
            process.destroy();
        }
    }

    /**
     * @param java       the java to run.
     * @param benchmarks the JMH jar.
     * @param quick      whether to add {@link #QUICK} before the user's arguments.
     * @param jmhArgs    the user's JMH arguments.
     * @return {@code java <flags> -jar <jar> -jvmArgsAppend "<flags>" [quick] <args>}.
     */
    static List<String> command(final Path java, final Path benchmarks, final boolean quick, final List<String> jmhArgs)
    {
        final List<String> flags = Preflight.requiredFlags();
        final List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(flags);
        command.add("-jar");
        command.add(benchmarks.toString());
        command.add("-jvmArgsAppend");
        command.add(String.join(" ", flags));
        if (quick)
        {
            command.addAll(QUICK);
        }
        command.addAll(jmhArgs);
        return command;
    }

    private static Path javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Thread copier(final InputStream in, final PrintWriter to)
    {
        final Thread thread = new Thread(() -> copy(in, to), "actr-bench-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void copy(final InputStream in, final PrintWriter to)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                to.println(line);
                to.flush();
            }
        }
        catch (final IOException ex)
        {
            to.println("actr bench: output cut short: " + ex.getMessage());
        }
    }
}
