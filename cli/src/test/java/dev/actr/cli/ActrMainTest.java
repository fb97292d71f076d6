package dev.actr.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
    void shouldRejectAnUnknownCommandWithUsage()
    {
        final int status = run("frobnicate");

        assertThat(status).isEqualTo(ActrMain.EXIT_USAGE);
        assertThat(text(err)).contains("unknown command 'frobnicate'").contains("usage: actr");
    }

    @Test
    void shouldPrintHelpWithoutArguments()
    {
        assertThat(run()).isEqualTo(ActrMain.EXIT_OK);
        assertThat(text(out)).contains("usage: actr").contains("version");
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
