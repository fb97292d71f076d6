package dev.actr.cli;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.NodeContext;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.journal.replay.JournalManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code actr journal replay <dir> --actors <class>}: re-runs fresh instances of the recorded node's actors over
 * its last run's dispatch records and compares their outputs with the recorded ones. The actors come from a class
 * implementing {@link ReplayActors}; their ids must be the ones the journal's manifest names.
 */
@Command(name = "replay", description = {"Replay the last run a journal holds with fresh actors and report the " +
    "first divergence.", "Exit status 1 when the outputs diverge."})
final class JournalReplayCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "<dir>", description = "The journal directory (or the node's directory).")
    Path directory;

    @Option(names = "--actors", paramLabel = "CLASS",
        description = "A class implementing dev.actr.cli.ReplayActors that builds the recorded node's actors.")
    String actorsClass;

    @Option(names = "--class-path", paramLabel = "PATHS", split = ":",
        description = "Jars or directories to load CLASS from (':'-separated), besides actr's own.")
    List<Path> classPath = new ArrayList<>();

    @Override
    public Integer call()
    {
        final Path journal = JournalCommand.journalDirectory(directory);
        final JournalManifest manifest = JournalManifest.read(journal);
        final List<String> recorded = manifest.actorIds().isEmpty() ? List.of() :
            manifest.actorIds().subList(1, manifest.actorIds().size());
        if (actorsClass == null)
        {
            throw new CliException(ActrMain.EXIT_USAGE, "needs --actors <class implementing " +
                ReplayActors.class.getName() + "> to build the recorded actors " +
                (recorded.isEmpty() ? "(the journal has no manifest)" : String.join(", ", recorded)));
        }
        CliException.requireJvmFlags(true);
        try (URLClassLoader loader = new URLClassLoader(urls(classPath), JournalReplayCommand.class.getClassLoader()))
        {
            final NodeContext ctx = newContext(loader);
            final List<String> built = new ArrayList<>();
            for (final ActrId id : ctx.actorIds())
            {
                built.add(ActrIds.format(id));
            }
            if (!recorded.isEmpty() && !recorded.equals(built))
            {
                throw new CliException(ActrMain.EXIT_USAGE, "the journal's manifest names the actors " + recorded +
                    ", but " + actorsClass + " builds " + built);
            }
            final ReplayReport report = Replayer.replay(journal, ctx);
            final PrintWriter out = spec.commandLine().getOut();
            out.println(report);
            return report.isIdentical() ? ActrMain.EXIT_OK : ActrMain.EXIT_FAILURE;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private NodeContext newContext(final ClassLoader loader)
    {
        final Class<?> type;
        try
        {
            type = Class.forName(actorsClass, true, loader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new CliException(ActrMain.EXIT_USAGE, "cannot load " + actorsClass + " (" + ex +
                "); put it on --class-path");
        }
        if (!ReplayActors.class.isAssignableFrom(type))
        {
            throw new CliException(ActrMain.EXIT_USAGE, actorsClass + " does not implement " +
                ReplayActors.class.getName());
        }
        final ReplayActors actors;
        try
        {
            actors = (ReplayActors)type.getConstructor().newInstance();
        }
        catch (final NoSuchMethodException | InstantiationException | IllegalAccessException ex)
        {
            throw new CliException(ActrMain.EXIT_USAGE, actorsClass + " needs a public no-argument constructor");
        }
        catch (final InvocationTargetException ex)
        {
            throw new CliException(ActrMain.EXIT_FAILURE, actorsClass + " failed to construct: " + ex.getCause());
        }
        final NodeContext ctx = actors.newContext();
        if (ctx == null)
        {
            throw new CliException(ActrMain.EXIT_FAILURE, actorsClass + ".newContext() returned null");
        }
        return ctx;
    }

    private static URL[] urls(final List<Path> paths)
    {
        final URL[] urls = new URL[paths.size()];
        for (int i = 0; i < urls.length; i++)
        {
            final Path path = paths.get(i);
            if (!Files.exists(path))
            {
                throw new CliException(ActrMain.EXIT_USAGE, "no such class path entry: " + path);
            }
            try
            {
                urls[i] = path.toAbsolutePath().toUri().toURL();
            }
            catch (final MalformedURLException ex)
            {
                throw new CliException(ActrMain.EXIT_USAGE, "bad class path entry " + path + ": " + ex.getMessage());
            }
        }
        return urls;
    }
}
