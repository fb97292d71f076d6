package dev.actr.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WriterOutputStreamTest
{
    @Test
    void shouldDecodeCharactersSplitAcrossWritesAndReplaceMalformedBytes()
    {
        final StringWriter text = new StringWriter();
        final PrintStream out = WriterOutputStream.printStream(new PrintWriter(text));
        final byte[] bytes = "p99 µs → 1,5 €".getBytes(StandardCharsets.UTF_8);

        for (final byte b : bytes)
        {
            out.write(b);
        }
        out.println();
        out.write(new byte[] {'a', (byte)0xC3, 'b'}, 0, 3);
        out.flush();

        assertThat(text.toString()).isEqualTo("p99 µs → 1,5 €" + System.lineSeparator() + "a\uFFFDb");
    }
}
