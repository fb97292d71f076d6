package dev.actr.codegen;

import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The golden files under src/test/resources/golden: what the generator must write for the golden sample protos.
 * Run the tests with {@code -Dactr.codegen.updateGolden=true} to rewrite them after an intended change, then review
 * the diff.
 */
final class GoldenFiles
{
    /** The sample protos the golden files are generated from. */
    static final String[] SAMPLES = {"acme/media/v1/studio.proto", "acme/legacy/legacy_types.proto", "bare.proto"};

    private GoldenFiles()
    {
    }

    /**
     * @return the golden directory (in the source tree).
     */
    static Path directory()
    {
        return Path.of(System.getProperty("actr.codegen.golden"));
    }

    /**
     * @return true when the run should rewrite the golden files instead of comparing.
     */
    static boolean updating()
    {
        return Boolean.getBoolean("actr.codegen.updateGolden");
    }

    /**
     * @return every golden file by its path relative to the golden directory ('/' separated), with its content.
     */
    static TreeMap<String, String> read()
    {
        final Path root = directory();
        try (Stream<Path> files = Files.walk(root))
        {
            final List<Path> paths = files.filter(Files::isRegularFile).collect(Collectors.toList());
            final TreeMap<String, String> golden = new TreeMap<>();
            for (final Path path : paths)
            {
                golden.put(root.relativize(path).toString().replace('\\', '/'),
                    Files.readString(path, StandardCharsets.UTF_8));
            }
            return golden;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param response a successful response; its files replace the golden directory's content.
     */
    static void write(final CodeGeneratorResponse response)
    {
        try
        {
            for (final String old : read().keySet())
            {
                Files.delete(directory().resolve(old));
            }
            for (final CodeGeneratorResponse.File file : response.getFileList())
            {
                final Path path = directory().resolve(file.getName());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getContent(), StandardCharsets.UTF_8);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
