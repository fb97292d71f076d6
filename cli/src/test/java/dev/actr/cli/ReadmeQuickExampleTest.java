package dev.actr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick example compiles as shown (its imports, against the runtime's modules only) and does what its
 * comments say when it runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeQuickExampleTest
{
    private static final Pattern BLOCK = Pattern.compile("## Quick example.*?```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void shouldCompileAndRunTheReadmesQuickExample() throws Exception
    {
        final String readme = Files.readString(Path.of("..", "README.md"));
        final Matcher block = BLOCK.matcher(readme);
        assertThat(block.find()).as("a java block under '## Quick example'").isTrue();
        final String source = block.group(1);
        final Matcher name = CLASS_NAME.matcher(source);
        assertThat(name.find()).as("a public class in the example").isTrue();

        final Path file = dir.resolve(name.group(1) + ".java");
        Files.writeString(file, source);
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        final int status = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all,-path", "-Werror",
            "-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
        assertThat(status).as("javac: %s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        final String output = run(name.group(1));
        assertThat(output).contains("you said hi").contains("replayed").contains("identical");
    }

    private String run(final String className) throws Exception
    {
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
            getClass().getClassLoader()))
        {
            final Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object)new String[0]);
        }
        finally
        {
            System.setOut(stdout);
        }
        final String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return output;
    }
}
