package dev.actr.cli;

import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.integrity.StoreDamage;
import dev.actr.journal.integrity.StoreIntegrity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code actr journal repair <node dir> [--accept-loss]}: the one store damage a node will not repair by itself, a
 * commit (dedup) journal that lost committed records. Without {@code --accept-loss} it only reports the damage
 * (nothing is written, a running node may keep running); with it, and the node stopped, it cuts each damaged file
 * at its damage (the records before it kept at their indices, the damaged file kept beside it as
 * {@code .damaged}), after which the node launches again. The other stores repair themselves when the node opens
 * them.
 */
@Command(name = "repair", description = {"Check a durable node's commit journal and, with --accept-loss, cut it at " +
    "its damage so that the node launches again.", "Exit status 1 when damage was found and left as it is."})
final class JournalRepairCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "<node dir>", description = "The node's directory.")
    Path nodeDirectory;

    @Option(names = "--accept-loss", description = "Cut the damaged files (with the node stopped): the commits lost " +
        "with them are gone for good — their effects, and a redelivered request runs again.")
    boolean acceptLoss;

    @Override
    public Integer call()
    {
        final Path dedup = JournalCommand.dedupDirectory(nodeDirectory);
        CliException.requireJvmFlags(true);
        final PrintWriter out = spec.commandLine().getOut();
        if (acceptLoss)
        {
            final StoreIntegrity repairs = new StoreIntegrity();
            final int repaired = DedupJournal.repair(dedup, repairs);
            repairs.events().forEach(damage -> out.println(damage.describe()));
            out.println(repaired == 0 ? dedup + ": no damage found" :
                dedup + ": " + repaired + " damaged file(s) cut; the node can launch");
            return ActrMain.EXIT_OK;
        }
        final List<StoreDamage> found = DedupJournal.check(dedup, new StoreIntegrity());
        if (found.isEmpty())
        {
            out.println(dedup + ": no damage found");
            return ActrMain.EXIT_OK;
        }
        found.forEach(damage -> out.println(damage.describe()));
        out.println("nothing written; to cut the damaged file(s), stop the node and run: actr journal repair " +
            nodeDirectory + " --accept-loss (or restore " + dedup + " from a backup)");
        return ActrMain.EXIT_FAILURE;
    }
}
