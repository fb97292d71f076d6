package dev.actr.codegen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin as protoc runs it: a separate process that protoc feeds on standard input (the protoc binary the build
 * fetched from Maven Central, the plugin started by a launcher script as any JVM plugin is).
 */
class ProtocPluginProcessTest
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldGenerateTheGoldenFilesWhenRunByProtoc(@TempDir final Path dir) throws Exception
    {
        final Path out = Files.createDirectory(dir.resolve("out"));

        final Result result = protoc(dir, "--actr_out=" + out, "bare.proto");

        assertThat(result.stderr).isEmpty();
        assertThat(result.exitCode).isZero();
        for (final String name : List.of("PingerHandler.java", "PingerClient.java"))
        {
            assertThat(Files.readString(out.resolve(name))).isEqualTo(GoldenFiles.read().get(name));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldMakeProtocFailWithTheFileLineAndReason(@TempDir final Path dir) throws Exception
    {
        final Path out = Files.createDirectory(dir.resolve("out"));

        final Result result = protoc(dir, "--actr_out=" + out, "errors/streaming.proto");

        assertThat(result.exitCode).isNotZero();
        assertThat(result.stderr).contains("--actr_out: " + TestRequests.where("errors/streaming.proto",
            "rpc Watch") + ": rpc errors.streaming.Feed.Watch is server-streaming;");
        try (var files = Files.list(out))
        {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldExitWithStatusOneWhenTheRequestDoesNotParse()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = ActrProtocPlugin.run(new ByteArrayInputStream(new byte[]{(byte)0xff, 0x01, 0x02}), out,
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
            .startsWith("actr-codegen: could not read the CodeGeneratorRequest from standard input");
    }

    private static Result protoc(final Path dir, final String output, final String proto)
        throws IOException, InterruptedException
    {
        final Path launcher = dir.resolve("protoc-gen-actr");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") +
            "' -cp '" + testClassPath() + "' " + ActrProtocPlugin.class.getName() + "\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        final Path stderr = dir.resolve("stderr.txt");
        final Process process = new ProcessBuilder(System.getProperty("actr.codegen.protoc"),
            "--plugin=protoc-gen-actr=" + launcher, output, "-I" + TestRequests.protoPath(), proto)
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(stderr.toFile())
            .start();
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).as("protoc finished").isTrue();
        return new Result(process.exitValue(), Files.readString(stderr));
    }

    private static String testClassPath()
    {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    private static final class Result
    {
        final int exitCode;
        final String stderr;

        Result(final int exitCode, final String stderr)
        {
            this.exitCode = exitCode;
            this.stderr = stderr;
        }
    }
}
