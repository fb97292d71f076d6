package dev.actr.codegen;

import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedSourcesGoldenTest
{
    @Test
    void shouldGenerateExactlyTheGoldenFiles()
    {
        final CodeGeneratorResponse response = ActrCodeGenerator.generate(TestRequests.request(GoldenFiles.SAMPLES));
        assertThat(response.getError()).isEmpty();
        if (GoldenFiles.updating())
        {
            GoldenFiles.write(response);
        }

        final TreeMap<String, String> generated = new TreeMap<>();
        for (final CodeGeneratorResponse.File file : response.getFileList())
        {
            generated.put(file.getName(), file.getContent());
        }
        final TreeMap<String, String> golden = GoldenFiles.read();
        assertThat(generated.keySet()).containsExactlyElementsOf(golden.keySet());
        for (final Map.Entry<String, String> file : generated.entrySet())
        {
            assertThat(file.getValue()).as(file.getKey() + " (rerun with -Dactr.codegen.updateGolden=true to accept)")
                .isEqualTo(golden.get(file.getKey()));
        }
    }

    @Test
    void shouldReadPayloadTypesAlsoFromARequestParsedWithoutTheExtensionRegistry()
    {
        final CodeGeneratorResponse withRegistry = ActrCodeGenerator.generate(
            TestRequests.request(TestRequests.descriptors(true), GoldenFiles.SAMPLES));
        final CodeGeneratorResponse withoutRegistry = ActrCodeGenerator.generate(
            TestRequests.request(TestRequests.descriptors(false), GoldenFiles.SAMPLES));

        assertThat(withoutRegistry).isEqualTo(withRegistry);
        assertThat(withRegistry.getFile(1).getName()).endsWith("StudioClient.java");
        assertThat(withRegistry.getFile(1).getContent()).contains("PayloadType.RPC_SIGNAL);")
            .contains("PayloadType.STREAM_RELIABLE);").contains("PayloadType.STREAM_LATENCY_FIRST);")
            .contains("PayloadType.MEDIA_RTP);");
    }

    @Test
    void shouldPlaceClassesBesideProtobufJavaClasses()
    {
        final CodeGeneratorResponse response = ActrCodeGenerator.generate(TestRequests.request(GoldenFiles.SAMPLES));

        assertThat(response.getFileList()).extracting(CodeGeneratorResponse.File::getName).containsExactly(
            "dev/example/media/v1/StudioHandler.java", "dev/example/media/v1/StudioClient.java",
            "dev/example/media/v1/MixerHandler.java", "dev/example/media/v1/MixerClient.java",
            "acme/legacy/ArchiveHandler.java", "acme/legacy/ArchiveClient.java",
            "PingerHandler.java", "PingerClient.java");
    }

    @Test
    void shouldCompileTheGoldenFilesWithEveryLintAndDoclintAsErrors() throws IOException
    {
        final Path out = Files.createTempDirectory("actr-codegen-compile");
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8))
        {
            final List<Path> sources = new ArrayList<>();
            for (final String name : GoldenFiles.read().keySet())
            {
                sources.add(GoldenFiles.directory().resolve(name));
            }
            final List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:all", "-Xdoclint:all/protected",
                "-Werror", "-classpath", testClassPath(), "-d", out.toString());
            final Boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                files.getJavaFileObjectsFromPaths(sources)).call();

            final List<String> messages = new ArrayList<>();
            for (final Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics())
            {
                messages.add(diagnostic.toString());
            }
            assertThat(messages).isEmpty();
            assertThat(compiled).isTrue();
            assertThat(out.resolve("dev/example/media/v1/StudioClient.class")).exists();
        }
    }

    private static String testClassPath()
    {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }
}
