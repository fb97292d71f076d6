package dev.actr.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActrMainTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintTheBuiltVersion()
    {
        final int status = run("version");

        assertThat(status).isEqualTo(ActrMain.EXIT_OK);
        assertThat(text(out)).startsWith("actr " + System.getProperty("actr.expected.version", "0."));
        assertThat(ActrMain.version()).doesNotContain("${").isNotEqualTo("unknown");
    }

    @Test
    void shouldPrintTheVersionLineForTheVersionOption()
    {
        assertThat(run("--version")).isEqualTo(ActrMain.EXIT_OK);
        assertThat(text(out).strip()).isEqualTo(ActrMain.versionLine());
    }

    @Test
    void shouldRejectAnUnknownCommandInOneLine()
    {
        final int status = run("frobnicate");

        assertThat(status).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).isEqualTo("actr: unknown command 'frobnicate' (see 'actr --help')" +
            System.lineSeparator());
    }

    @Test
    void shouldRejectAnUnknownSubcommandOfJournal()
    {
        assertThat(run("journal", "frobnicate")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).startsWith("actr journal: unknown command 'frobnicate'").hasLineCount(1);
    }

    @Test
    void shouldAskForASubcommandOfJournal()
    {
        assertThat(run("journal")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).contains("expected a subcommand: stats, dump, effects, replay or repair").hasLineCount(1);
    }

    @Test
    void shouldPrintHelpWithoutArguments()
    {
        assertThat(run()).isEqualTo(ActrMain.EXIT_OK);
        assertThat(text(out)).contains("Usage: actr").contains("version").contains("journal").contains("stat")
            .contains("signaling").contains("bench").contains("demo");
    }

    @Test
    void shouldPrintHelpForEveryCommand()
    {
        final List<String> names = new ArrayList<>();
        collect(ActrMain.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), ActrMain.SIGNALING,
            Path.of(".")), names);
        assertThat(names).contains("actr", "actr demo", "actr journal", "actr journal dump", "actr journal replay", "actr stat",
            "actr signaling", "actr bench", "actr version");
        for (final String name : names)
        {
            out.reset();
            err.reset();
            final List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            args.add("--help");
            assertThat(run(args.toArray(new String[0]))).as(name).isEqualTo(ActrMain.EXIT_OK);
            assertThat(text(out)).as(name).startsWith("Usage: " + name);
            assertThat(text(err)).as(name).isEmpty();
        }
    }

    @Test
    void shouldRejectAMissingParameterInOneLine()
    {
        assertThat(run("stat")).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).startsWith("actr stat: Missing required parameter: '<node dir>'").hasLineCount(1);
    }

    private static void collect(final CommandLine commandLine, final List<String> names)
    {
        if (!commandLine.getCommandName().equals("help"))
        {
            names.add(commandLine.getCommandSpec().qualifiedName());
        }
        for (final CommandLine sub : commandLine.getSubcommands().values())
        {
            collect(sub, names);
        }
    }

    private int run(final String... args)
    {
        return ActrMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(final ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
