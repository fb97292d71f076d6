package dev.actr.codegen;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import dev.actr.codec.proto.EnvelopeProto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds CodeGeneratorRequests as protoc does, from the descriptor set the build compiled from src/test/proto (with
 * imports, in dependency order, and source info).
 */
final class TestRequests
{
    private TestRequests()
    {
    }

    /**
     * @param filesToGenerate proto files, relative to src/test/proto.
     * @return a request for them, parsed with codec's extensions registered (as the plugin parses).
     */
    static CodeGeneratorRequest request(final String... filesToGenerate)
    {
        return request(descriptors(true), filesToGenerate);
    }

    /**
     * @param files           every file the request carries, in dependency order.
     * @param filesToGenerate the ones to generate.
     * @return the request.
     */
    static CodeGeneratorRequest request(final List<FileDescriptorProto> files, final String... filesToGenerate)
    {
        return CodeGeneratorRequest.newBuilder()
            .addAllFileToGenerate(List.of(filesToGenerate))
            .addAllProtoFile(files)
            .build();
    }

    /**
     * @param withExtensions parse with codec's extension registry.
     * @return every file of the test descriptor set, in dependency order.
     */
    static List<FileDescriptorProto> descriptors(final boolean withExtensions)
    {
        final ExtensionRegistry registry = ExtensionRegistry.newInstance();
        if (withExtensions)
        {
            EnvelopeProto.registerAllExtensions(registry);
        }
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("actr.codegen.descriptors"))))
        {
            return FileDescriptorSet.parseFrom(in, registry).getFileList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param protoFile a file of src/test/proto.
     * @param text      text that starts a declaration, e.g. {@code rpc Watch}.
     * @return {@code file:line:column} of that text, 1-based, as the generator reports a declaration.
     */
    static String where(final String protoFile, final String text)
    {
        try
        {
            final List<String> lines = Files.readAllLines(protoPath().resolve(protoFile));
            for (int i = 0; i < lines.size(); i++)
            {
                final int column = lines.get(i).indexOf(text);
                if (column >= 0)
                {
                    return protoFile + ":" + (i + 1) + ":" + (column + 1);
                }
            }
            throw new IllegalArgumentException(text + " not in " + protoFile);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return src/test/proto.
     */
    static Path protoPath()
    {
        return Path.of(System.getProperty("actr.codegen.protoPath"));
    }
}
