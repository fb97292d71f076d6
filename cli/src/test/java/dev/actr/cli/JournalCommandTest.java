package dev.actr.cli;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Dest;
import dev.actr.journal.integrity.StoreCuts;
import dev.actr.journal.integrity.StoreDamageException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalCommandTest
{
    private static final ActrId LEDGER = ActrIds.parse("1f@7/acme:ledger:1");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return ActrMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void recordTwoCalls()
    {
        Recordings.recordTwoCalls(dir);
    }

    @Test
    void shouldDumpDispatchJournalFilteredByRoute()
    {
        recordTwoCalls();

        assertThat(run("journal", "dump", dir.resolve("journal").toString(), "--route", "acme.Echo.Say"))
            .isEqualTo(ActrMain.EXIT_OK);
        final String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("route=acme.Echo.Say").doesNotContain("acme.Echo.Shout").contains("(1 records)");
    }

    @Test
    void shouldAcceptTheNodeDirectoryForTheJournal()
    {
        recordTwoCalls();

        assertThat(run("journal", "dump", dir.toString(), "--kind", "OUTBOUND")).isEqualTo(ActrMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(2 records)");
    }

    @Test
    void shouldRejectAnUnknownKindInOneLine()
    {
        assertThat(run("journal", "dump", dir.toString(), "--kind", "sideways")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sideways").hasLineCount(1);
    }

    @Test
    void shouldReplayWithTheActorsOfAReplayActorsClass()
    {
        recordTwoCalls();

        assertThat(run("journal", "replay", dir.toString(), "--actors", EchoReplayActors.class.getName()))
            .isEqualTo(ActrMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("outputs identical");
    }

    @Test
    void shouldReportTheFirstDivergenceWithStatusOne()
    {
        recordTwoCalls();

        assertThat(run("journal", "replay", dir.resolve("journal").toString(),
            "--actors", EchoReplayActors.Shouting.class.getName())).isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("diverged at dispatch #")
            .contains("route acme.Echo.Shout");
    }

    @Test
    void shouldNameTheRecordedActorsWhenReplayHasNoActorsClass()
    {
        recordTwoCalls();

        assertThat(run("journal", "replay", dir.toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .contains("needs --actors <class implementing dev.actr.cli.ReplayActors>")
            .contains(EchoReplayActors.ECHO).hasLineCount(1);
    }

    @Test
    void shouldRefuseReplayActorsThatAreNotTheRecordedOnes()
    {
        recordTwoCalls();

        assertThat(run("journal", "replay", dir.toString(), "--actors", EchoReplayActors.Stranger.class.getName()))
            .isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .contains("the journal's manifest names the actors [" + EchoReplayActors.ECHO + "]")
            .contains("1f@7/acme:stranger:1").hasLineCount(1);
    }

    @Test
    void shouldRefuseAnActorsClassThatCannotBeLoaded()
    {
        recordTwoCalls();

        assertThat(run("journal", "replay", dir.toString(), "--actors", "no.such.Actors")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot load no.such.Actors").hasLineCount(1);
        err.reset();
        assertThat(run("journal", "replay", dir.toString(), "--actors", String.class.getName()))
            .isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not implement dev.actr.cli.ReplayActors");
    }

    @Test
    void shouldPrintStats()
    {
        recordTwoCalls();

        assertThat(run("journal", "stats", dir.resolve("journal").toString())).isEqualTo(ActrMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsIgnoringCase("dispatch");
    }

    @Test
    void shouldNameAMissingDirectory()
    {
        assertThat(run("journal", "stats", dir.resolve("nope").toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope");
    }

    @Test
    void shouldRejectAnUnknownOption()
    {
        assertThat(run("journal", "dump", dir.toString(), "--colour", "red")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--colour");
    }

    @Test
    void shouldPrintCommittedEffectsAsTextOrHex()
    {
        try (ActrNode node = ActrNode.launch(new NodeContext().threadingMode(ThreadingMode.INVOKER).directory(dir)
            .actor(ActrIds.parse("1f@7/acme:ledger:1"), routes -> routes
                .handle("acme.Ledger.Post", Int64Value.parser(), (ctx, value) ->
                {
                    final byte[] text = ("posted " + value.getValue()).getBytes(StandardCharsets.US_ASCII);
                    ctx.effect(new UnsafeBuffer(text), 0, text.length);
                    ctx.effect(new UnsafeBuffer(new byte[] {0, (byte)0xff}), 0, 2);
                    return value;
                }))))
        {
            final CompletableFuture<Int64Value> reply = node.host().call(Dest.workload(
                ActrIds.parse("1f@7/acme:ledger:1")), "acme.Ledger.Post", Int64Value.of(12), Int64Value.parser());
            while (!reply.isDone())
            {
                node.invoke();
            }
        }

        assertThat(run("journal", "effects", dir.toString())).isEqualTo(ActrMain.EXIT_OK);
        final String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("#0 actor=1 caller=0 request=\\d+ \"posted 12\"")
            .contains("#1 actor=1 caller=0").contains("0x00ff").contains("(1 commit records)");
    }

    @Test
    void shouldReportADamagedCommitJournalThenCutItWhenTheLossIsAccepted() throws Exception
    {
        try (ActrNode node = ActrNode.launch(ledger()))
        {
            for (long i = 0; i < 10; i++)
            {
                post(node, i);
            }
        }
        final Path cut = StoreCuts.cutInHalf(dir.resolve("dedup"));
        assertThatThrownBy(() -> ActrNode.launch(ledger())).isInstanceOf(StoreDamageException.class)
            .hasMessageContaining("actr journal repair " + dir.toAbsolutePath() + " --accept-loss");

        assertThat(run("journal", "repair", dir.toString())).isEqualTo(ActrMain.EXIT_FAILURE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(cut.toString()).contains("nothing written")
            .contains("--accept-loss");
        assertThat(run("journal", "repair", dir.toString(), "--accept-loss")).isEqualTo(ActrMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 damaged file(s) cut; the node can launch");
        out.reset();
        assertThat(run("journal", "repair", dir.toString())).isEqualTo(ActrMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no damage found");

        try (ActrNode node = ActrNode.launch(ledger()))
        {
            post(node, 42);
        }
        assertThat(run("journal", "effects", dir.toString())).isEqualTo(ActrMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"posted 42\"");
    }

    @Test
    void shouldRefuseToRepairTheCommitJournalOfARunningNode()
    {
        try (ActrNode node = ActrNode.launch(ledger()))
        {
            post(node, 1);

            assertThat(run("journal", "repair", dir.toString(), "--accept-loss")).isEqualTo(ActrMain.EXIT_FAILURE);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("dedup").containsIgnoringCase("pid");
            assertThat(run("journal", "repair", dir.toString())).as("the check writes nothing and runs beside it")
                .isEqualTo(ActrMain.EXIT_OK);
        }
    }

    @Test
    void shouldRefuseToRepairADirectoryThatIsNoNode()
    {
        assertThat(run("journal", "repair", dir.resolve("nothing").toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a durable node's directory");
    }

    private NodeContext ledger()
    {
        return new NodeContext().threadingMode(ThreadingMode.INVOKER).directory(dir)
            .actor(LEDGER, routes -> routes.handle("acme.Ledger.Post", Int64Value.parser(), (ctx, value) ->
            {
                final byte[] text = ("posted " + value.getValue()).getBytes(StandardCharsets.US_ASCII);
                ctx.effect(new UnsafeBuffer(text), 0, text.length);
                return value;
            }));
    }

    private static void post(final ActrNode node, final long value)
    {
        final CompletableFuture<Int64Value> reply = node.host().call(Dest.workload(LEDGER), "acme.Ledger.Post",
            Int64Value.of(value), Int64Value.parser());
        while (!reply.isDone())
        {
            node.invoke();
        }
        assertThat(reply).isCompletedWithValue(Int64Value.of(value));
    }

    @Test
    void shouldRefuseEffectsOfADirectoryThatIsNoNode()
    {
        assertThat(run("journal", "effects", dir.resolve("nothing").toString())).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a durable node's directory");
    }
}
