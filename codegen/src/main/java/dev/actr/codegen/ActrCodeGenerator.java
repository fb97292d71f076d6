package dev.actr.codegen;

import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The generator behind {@link ActrProtocPlugin}: from a {@code CodeGeneratorRequest}, the typed handler and client of
 * every service of the files to generate, or — when any service cannot be served — no files and an error naming
 * each problem with its file, line and reason (protoc prints it and fails). Usable in-process; stateless and thread
 * safe.
 */
public final class ActrCodeGenerator
{
    private ActrCodeGenerator()
    {
    }

    /**
     * @param request what protoc sends: the files to generate, every file they import (in dependency order), and
     *                the plugin parameter.
     * @return the generated files, or an error.
     */
    public static CodeGeneratorResponse generate(final CodeGeneratorRequest request)
    {
        final CodeGeneratorResponse.Builder response = CodeGeneratorResponse.newBuilder()
            .setSupportedFeatures(CodeGeneratorResponse.Feature.FEATURE_PROTO3_OPTIONAL_VALUE |
                CodeGeneratorResponse.Feature.FEATURE_SUPPORTS_EDITIONS_VALUE)
            .setMinimumEdition(Edition.EDITION_PROTO2_VALUE)
            .setMaximumEdition(Edition.EDITION_2023_VALUE);
        if (!request.getParameter().isEmpty())
        {
            return response.setError("actr-codegen takes no options, got '" + request.getParameter() + "'").build();
        }
        final JavaTypeIndex index = new JavaTypeIndex(request.getProtoFileList());
        final Problems problems = new Problems();
        final ServiceResolver resolver = new ServiceResolver(index, problems);
        final ServiceChecks checks = new ServiceChecks(index, problems);
        final List<ServiceModel> services = new ArrayList<>();
        for (final String fileName : request.getFileToGenerateList())
        {
            final FileDescriptorProto file = index.file(fileName);
            if (file == null)
            {
                problems.add(fileName, "the request names this file to generate but does not hold it");
                continue;
            }
            for (final ServiceModel service : resolver.resolve(file))
            {
                if (checks.check(service))
                {
                    services.add(service);
                }
            }
        }
        if (!problems.isEmpty())
        {
            return response.setError(problems.toString()).build();
        }
        for (final ServiceModel service : services)
        {
            response.addFile(CodeGeneratorResponse.File.newBuilder()
                .setName(service.outputFile(service.handlerClass()))
                .setContent(HandlerWriter.write(service)));
            response.addFile(CodeGeneratorResponse.File.newBuilder()
                .setName(service.outputFile(service.clientClass()))
                .setContent(ClientWriter.write(service)));
        }
        return response.build();
    }
}
