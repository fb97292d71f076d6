package dev.actr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SignalingCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldReportAPortInUseInOneLine() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final int port = taken.getLocalPort();

            assertThat(run("signaling", "--port", Integer.toString(port), "--dir", dir.toString()))
                .isEqualTo(ActrMain.EXIT_FAILURE);
            assertThat(text(err)).isEqualTo("actr signaling: port " + port + " is in use" + System.lineSeparator());
        }
    }

    @Test
    void shouldRejectAPortOutOfRange()
    {
        assertThat(run("signaling", "--port", "70000", "--dir", dir.toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).contains("--port must be 0 to 65535, not 70000").hasLineCount(1);
    }

    @Test
    void shouldRejectAPortThatIsNoNumber()
    {
        assertThat(run("signaling", "--port", "http", "--dir", dir.toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).startsWith("actr signaling: Invalid value for option '--port'").hasLineCount(1);
    }

    @Test
    void shouldRejectADirectoryThatIsAFile() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("file"), "x");

        assertThat(run("signaling", "--port", "0", "--dir", file.toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).isEqualTo("actr signaling: " + file + " is not a directory" + System.lineSeparator());
    }

    @Test
    void shouldNeedThePortAndTheDirectory()
    {
        assertThat(run("signaling", "--port", "0")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).contains("Missing required option: '--dir=D'").hasLineCount(1);
    }

    @Test
    void shouldSayWhenThisBuildHasNoSignalingServer()
    {
        assertThat(run("signaling", "--port", "0", "--dir", dir.resolve("made").toString()))
            .isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(text(err)).contains("this build has no signaling server yet").hasLineCount(1);
        assertThat(dir.resolve("made")).isDirectory();
    }

    @Test
    void shouldReportABindFailureOfTheServerAsPortInUse()
    {
        final SignalingLauncher bindsTakenPort = (host, port, directory) ->
        {
            throw new IllegalStateException("launch failed", new java.net.BindException("Address already in use"));
        };

        assertThat(ActrMain.run(new String[] {"signaling", "--port", "0", "--dir", dir.toString()},
            stream(out), stream(err), bindsTakenPort, dir)).isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(text(err)).isEqualTo("actr signaling: port 0 is in use" + System.lineSeparator());
    }

    private int run(final String... args)
    {
        return ActrMain.run(args, stream(out), stream(err));
    }

    private static PrintStream stream(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(final ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
