package dev.actr.lanes.testing;

import dev.actr.lanes.signaling.SignalingServerMain;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A signaling instance in a child JVM ({@link SignalingServerMain}) for a test that kills it with SIGKILL: started
 * with this JVM's class path and module flags, its stderr in {@code <name>.err} in the test's directory; its
 * address read from the line it prints once it listens.
 */
public final class SignalingInstanceProcess implements AutoCloseable
{
    private static final long START_TIMEOUT_S = 60;
    private static final String READY = "actr signaling listening on ";

    private final Process process;
    private final Path stderr;
    private final CompletableFuture<String> uri = new CompletableFuture<>();

    private SignalingInstanceProcess(final Process process, final Path stderr)
    {
        this.process = process;
        this.stderr = stderr;
    }

    /**
     * Start {@code SignalingServerMain --port 0 --dir <dir>/<name> args...} and wait until it listens.
     *
     * @param dir  the test's directory.
     * @param name names the instance's directory and stderr file.
     * @param args further arguments ({@code --nats ...}, {@code --heartbeat-ms ...}).
     * @return the running instance.
     * @throws Exception when it does not start; the message has the tail of its stderr.
     */
    public static SignalingInstanceProcess start(final Path dir, final String name, final List<String> args)
        throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-exports=") || flag.startsWith("--add-opens=") ||
                flag.startsWith("--enable-native-access=") || flag.startsWith("--sun-misc-unsafe-memory-access="))
            {
                command.add(flag);
            }
        }
        command.add("-Xmx128m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SignalingServerMain.class.getName());
        command.add("--port");
        command.add("0");
        command.add("--dir");
        command.add(dir.resolve(name).toString());
        command.addAll(args);
        final Path stderr = dir.resolve(name + ".err");
        final Process process = new ProcessBuilder(command)
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        final SignalingInstanceProcess instance = new SignalingInstanceProcess(process, stderr);
        final Thread reader = new Thread(instance::readStdout, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try
        {
            instance.uri.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            instance.close();
            throw new IllegalStateException("signaling instance " + name + " did not start: " + instance.stderrText(),
                ex);
        }
        return instance;
    }

    private void readStdout()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (line.startsWith(READY))
                {
                    final String rest = line.substring(READY.length());
                    final int space = rest.indexOf(' ');
                    uri.complete(space < 0 ? rest : rest.substring(0, space));
                }
            }
        }
        catch (final IOException ex)
        {
            uri.completeExceptionally(ex);
        }
        uri.completeExceptionally(new IllegalStateException("the instance's stdout ended"));
    }

    /**
     * @return the instance's {@code ws://} address.
     */
    public String uri()
    {
        return uri.join();
    }

    /**
     * Kill the instance with SIGKILL (no close frames, no unregistration) and wait until it is gone.
     */
    public void kill()
    {
        try
        {
            process.destroyForcibly().waitFor(START_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return whether the process runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    private String stderrText()
    {
        try
        {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(no stderr: " + ex + ")";
        }
    }

    @Override
    public void close()
    {
        kill();
    }
}
