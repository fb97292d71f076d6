package dev.actr.codegen;

import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import dev.actr.codec.proto.EnvelopeProto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The protoc plugin's entry point: reads a {@code CodeGeneratorRequest} from standard input, writes the
 * {@code CodeGeneratorResponse} of {@link ActrCodeGenerator} to standard output. A .proto the plugin cannot serve is
 * reported in the response (protoc prints it with the file and line, and fails); only a request that does not parse
 * ends the process with status 1 and a message on standard error.
 */
public final class ActrProtocPlugin
{
    private ActrProtocPlugin()
    {
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        final int status = run(System.in, System.out, System.err);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * @param in  the serialized request.
     * @param out where the serialized response goes.
     * @param err where a failure to read the request is described.
     * @return the process exit status: 0, or 1 when the request could not be read or the response not written.
     */
    static int run(final InputStream in, final OutputStream out, final PrintStream err)
    {
        final ExtensionRegistry registry = ExtensionRegistry.newInstance();
        EnvelopeProto.registerAllExtensions(registry);
        final CodeGeneratorRequest request;
        try
        {
            request = CodeGeneratorRequest.parseFrom(in, registry);
        }
        catch (final IOException ex)
        {
            err.println("actr-codegen: could not read the CodeGeneratorRequest from standard input (run me from " +
                "protoc as --plugin=protoc-gen-actr=...): " + ex.getMessage());
            return 1;
        }
        final CodeGeneratorResponse response = ActrCodeGenerator.generate(request);
        try
        {
            response.writeTo(out);
            out.flush();
        }
        catch (final IOException ex)
        {
            err.println("actr-codegen: could not write the CodeGeneratorResponse: " + ex.getMessage());
            return 1;
        }
        return 0;
    }
}
