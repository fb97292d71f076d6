package dev.actr.cli;

import dev.actr.cli.demo.DemoContext;
import dev.actr.cli.demo.DemoTopologies;
import dev.actr.cli.demo.DemoTopology;
import dev.actr.cli.demo.NetworkInterfaceProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code actr demo} through the command line: a passing run prints its table and exits 0; bad options and a lane
 * that cannot run here end with one line and a non-zero status before anything runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoCommandTest
{
    private static final NetworkInterfaceProbe NO_INTERFACE = Optional::empty;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldRunTheInProcessLanePrintTheTableAndExitZero()
    {
        final int status = run(NetworkInterfaceProbe.SYSTEM, "demo", "--orders", "1500", "--lanes", "in-process",
            "--seed", "3", "--no-progress");

        assertThat(text(err)).isEmpty();
        assertThat(status).isEqualTo(ActrMain.EXIT_OK);
        assertThat(text(out))
            .startsWith("actr demo: 1,500 requests per lane, closed loop, 64 in flight, seed 3, lanes in-process")
            .contains("lane ", "orders", "p99 µs", "replay")
            .containsPattern("in-process +1,500 +[0-9,]+ +[0-9,]+ .* identical \\([0-9,]+ inputs\\)")
            .contains("fills fingerprint", "PASSED");
    }

    @Test
    void shouldRunTheOpenLoopKeepTheFolderAndPrintTheJournalCommandsAsJson() throws Exception
    {
        final int status = run(NetworkInterfaceProbe.SYSTEM, "demo", "--orders", "1000", "--rate", "2000",
            "--lanes", "local", "--dir", dir.toString(), "--keep", "--json");

        assertThat(status).isEqualTo(ActrMain.EXIT_OK);
        assertThat(text(out)).startsWith("{").contains("\"mode\":\"open-loop\"", "\"ratePerSecond\":2000",
            "\"passed\":true", "\"lane\":\"local\"");
        assertThat(Files.isDirectory(dir.resolve("local/node/journal"))).isTrue();
    }

    @Test
    void shouldRefuseBadOptionsInOneLineWithStatusTwo()
    {
        assertUsage(new String[] {"demo", "--orders", "0"}, "actr demo: --orders must be > 0, not 0");
        assertUsage(new String[] {"demo", "--orders", "many"}, "actr demo: Invalid value for option '--orders'");
        assertUsage(new String[] {"demo", "--outstanding", "0"}, "actr demo: --outstanding must be > 0, not 0");
        assertUsage(new String[] {"demo", "--rate", "-5"}, "actr demo: --rate must be >= 0");
        assertUsage(new String[] {"demo", "--rate", "100", "--outstanding", "8"},
            "actr demo: Error: --outstanding=N, --rate=PER_S are mutually exclusive");
        assertUsage(new String[] {"demo", "--lanes", "in-process,carrier-pigeon"},
            "actr demo: unknown lane 'carrier-pigeon'; known: local, in-process, websocket, webrtc");
        assertUsage(new String[] {"demo", "--lanes", "local,in-process,local"},
            "actr demo: lane 'local' is named twice");
        assertUsage(new String[] {"demo", "--frobnicate"}, "actr demo: Unknown option: '--frobnicate'");
    }

    @Test
    void shouldFailAtOnceWhenWebRtcIsAskedForWhereNoInterfaceCanCarryIt()
    {
        final long startNs = System.nanoTime();
        final int status = run(NO_INTERFACE, "demo", "--lanes", "in-process,webrtc", "--dir", dir.toString());

        assertThat(status).isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(text(err)).startsWith("actr demo: the webrtc lane cannot run here: no network interface but " +
            "loopback is up with an address").contains("libwebrtc ignores loopback", ".ci/netns").hasLineCount(1);
        assertThat(text(out)).as("nothing ran").isEmpty();
        assertThat(dir).as("no lane's folder made").isEmptyDirectory();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs)).as("no wait for a timeout")
            .isLessThan(10);
    }

    @Test
    void shouldLeaveWebRtcOutOfTheDefaultLanesWithANoteWhereNoInterfaceCanCarryIt()
    {
        final DemoContext withoutInterface = new DemoContext().networkInterfaceProbe(NO_INTERFACE).conclude();
        final DemoContext withInterface = new DemoContext().networkInterfaceProbe(() -> Optional.of("v0 192.0.2.10"))
            .conclude();

        assertThat(withoutInterface.topologies()).extracting(DemoTopology::name)
            .containsExactly(DemoTopologies.IN_PROCESS, DemoTopologies.WEBSOCKET);
        assertThat(withoutInterface.notes()).singleElement().asString()
            .startsWith("webrtc left out: no network interface but loopback");
        assertThat(withInterface.topologies()).extracting(DemoTopology::name)
            .containsExactly(DemoTopologies.IN_PROCESS, DemoTopologies.WEBSOCKET, DemoTopologies.WEBRTC);
        assertThat(withInterface.notes()).isEmpty();
    }

    @Test
    void shouldDescribeEveryOptionInItsHelp()
    {
        assertThat(run(NetworkInterfaceProbe.SYSTEM, "demo", "--help")).isEqualTo(ActrMain.EXIT_OK);

        assertThat(text(out)).startsWith("Usage: actr demo").contains("--orders=N", "--rate=PER_S",
            "--outstanding=N", "--lanes=LANE", "--seed=S", "--dir=D", "--keep", "--json", "--no-progress",
            "default: " + DemoContext.ORDERS_DEFAULT, "Exit status");
    }

    private void assertUsage(final String[] args, final String message)
    {
        out.reset();
        err.reset();
        assertThat(run(NetworkInterfaceProbe.SYSTEM, args)).as(String.join(" ", args)).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).as(String.join(" ", args)).startsWith(message).hasLineCount(1);
        assertThat(text(out)).as(String.join(" ", args)).isEmpty();
    }

    private int run(final NetworkInterfaceProbe probe, final String... args)
    {
        return ActrMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), ActrMain.SIGNALING, Path.of("."), probe);
    }

    private static String text(final ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
