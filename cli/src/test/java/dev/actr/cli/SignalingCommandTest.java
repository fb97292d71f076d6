package dev.actr.cli;

import dev.actr.journal.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
    void shouldRejectANatsUrlThatIsNotNats()
    {
        assertThat(run("signaling", "--port", "0", "--dir", dir.toString(), "--nats", "http://127.0.0.1:4222"))
            .isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).isEqualTo("actr signaling: --nats takes nats:// or tls:// URLs, not " +
            "http://127.0.0.1:4222" + System.lineSeparator());
    }

    @Test
    void shouldNeedNatsForAnInstanceId()
    {
        assertThat(run("signaling", "--port", "0", "--dir", dir.toString(), "--instance-id", "a"))
            .isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).isEqualTo("actr signaling: --cluster-name and --instance-id need --nats" +
            System.lineSeparator());
    }

    @Test
    void shouldNeedThePortAndTheDirectory()
    {
        assertThat(run("signaling", "--port", "0")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).contains("Missing required option: '--dir=D'").hasLineCount(1);
    }

    @Test
    @Timeout(120)
    void shouldRunTheSignalingServerUntilStopped() throws Exception
    {
        final Path work = Files.createDirectories(dir.resolve("work"));
        final Path state = work.resolve("signaling");
        final List<ChildJvm> children = new ArrayList<>();
        boolean passed = false;
        try
        {
            final ChildJvm child = ChildJvm.start(work, 1, "signaling server listening on ", ActrMain.class,
                List.of("signaling", "--port", "0", "--dir", state.toString()));
            children.add(child);
            child.awaitReady();
            final String line = Files.readAllLines(work.resolve("child-1.out")).get(0);
            final Matcher uri = Pattern.compile("signaling server listening on ws://127\\.0\\.0\\.1:(\\d+)/signaling \\(directory " +
                Pattern.quote(state.toString()) + "\\); Ctrl-C stops it").matcher(line);
            assertThat(uri.matches()).as(line).isTrue();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(uri.group(1))))
            {
                assertThat(client.isConnected()).isTrue();
            }
            assertThat(state).isNotEmptyDirectory();

            child.process().destroy();
            child.awaitExit(128 + 15);
            assertThat(Files.readString(work.resolve("child-1.err"))).doesNotContain("Exception").doesNotContain("SLF4J");
            passed = true;
        }
        finally
        {
            ChildJvm.cleanUp(children, work, passed);
        }
    }

    @Test
    @Timeout(30)
    void shouldReportAPortTakenByAnotherSignalingServer() throws Exception
    {
        try (SignalingLauncher.Running first =
            new LanesSignalingLauncher().launch("127.0.0.1", 0, Files.createDirectories(dir.resolve("first"))))
        {
            final int port = Integer.parseInt(first.uri().replaceAll(".*:(\\d+)/.*", "$1"));

            assertThat(run("signaling", "--port", Integer.toString(port), "--dir", dir.resolve("second").toString()))
                .isEqualTo(ActrMain.EXIT_FAILURE);
            assertThat(text(err)).isEqualTo("actr signaling: port " + port + " is in use" + System.lineSeparator());

            final Throwable bindFailure = catchThrowable(() -> new LanesSignalingLauncher()
                .launch("127.0.0.1", port, Files.createDirectories(dir.resolve("third"))));
            assertThat(bindFailure).as("the server's own bind fails too").isNotNull();
            assertThat(SignalingCommand.isPortInUse(bindFailure)).as(bindFailure.toString()).isTrue();
        }
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
