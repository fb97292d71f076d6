package dev.actr.codegen;

import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.UnknownFieldSet;
import dev.actr.codec.proto.EnvelopeProto;
import dev.actr.codec.proto.PayloadType;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the services of one file to generate into {@link ServiceModel}s, recording what cannot be served:
 * streaming methods, unknown payload types, message classes a named package cannot see, editions newer than 2023.
 */
final class ServiceResolver
{
    private final JavaTypeIndex index;
    private final Problems problems;

    ServiceResolver(final JavaTypeIndex index, final Problems problems)
    {
        this.index = index;
        this.problems = problems;
    }

    /**
     * @param file a file to generate.
     * @return its services; those with problems are left out (and the problems recorded).
     */
    List<ServiceModel> resolve(final FileDescriptorProto file)
    {
        final SourceLocator source = new SourceLocator(file);
        final List<ServiceModel> services = new ArrayList<>();
        if (file.getServiceCount() == 0)
        {
            return services;
        }
        if (file.hasEdition() && file.getEdition().getNumber() > Edition.EDITION_2023_VALUE)
        {
            problems.add(file.getName(), file.getEdition() + " is not supported: protobuf-java names classes " +
                "differently from it on; use edition 2023, proto3 or proto2");
            return services;
        }
        for (int s = 0; s < file.getServiceCount(); s++)
        {
            final ServiceModel service = resolve(file, s, source);
            if (service != null)
            {
                services.add(service);
            }
        }
        return services;
    }

    private ServiceModel resolve(final FileDescriptorProto file, final int serviceIndex, final SourceLocator source)
    {
        final ServiceDescriptorProto service = file.getService(serviceIndex);
        final String protoName = file.getPackage().isEmpty() ? service.getName() :
            file.getPackage() + "." + service.getName();
        final String javaPackage = index.naming(file.getName()).javaPackage();
        final List<Integer> path = List.of(FileDescriptorProto.SERVICE_FIELD_NUMBER, serviceIndex);
        final List<MethodModel> methods = new ArrayList<>();
        boolean usesDeprecatedTypes = false;
        boolean servable = true;
        for (int m = 0; m < service.getMethodCount(); m++)
        {
            final MethodDescriptorProto method = service.getMethod(m);
            final List<Integer> methodPath = List.of(path.get(0), path.get(1),
                ServiceDescriptorProto.METHOD_FIELD_NUMBER, m);
            final MethodModel model = resolve(protoName, javaPackage, method, methodPath, source);
            if (model == null)
            {
                servable = false;
                continue;
            }
            methods.add(model);
            usesDeprecatedTypes |= index.isDeprecated(method.getInputType()) ||
                index.isDeprecated(method.getOutputType());
        }
        if (!servable)
        {
            return null;
        }
        return new ServiceModel(protoName, file.getName(), javaPackage,
            service.getName() + JavaTypeIndex.HANDLER_SUFFIX, service.getName() + JavaTypeIndex.CLIENT_SUFFIX,
            Javadoc.lines(source.comment(path)), service.getOptions().getDeprecated(), usesDeprecatedTypes,
            List.copyOf(methods), path);
    }

    private MethodModel resolve(
        final String serviceName,
        final String javaPackage,
        final MethodDescriptorProto method,
        final List<Integer> path,
        final SourceLocator source)
    {
        final String routeKey = serviceName + "." + method.getName();
        final String where = source.where(path);
        if (method.getClientStreaming() || method.getServerStreaming())
        {
            final String kind = method.getClientStreaming() && method.getServerStreaming() ? "bidirectional" :
                method.getClientStreaming() ? "client" : "server";
            problems.add(where, "rpc " + routeKey + " is " + kind + "-streaming; actr methods are unary (one " +
                "request, one response): send stream data as DataChunks (ctx.sendChunk / registerStream) on a " +
                "stream payload type, and use an rpc to set the stream up");
            return null;
        }
        final String request = messageClass(method.getInputType(), javaPackage, routeKey, where);
        final String response = messageClass(method.getOutputType(), javaPackage, routeKey, where);
        final PayloadType payloadType = payloadType(method.getOptions(), routeKey, where);
        if (request == null || response == null || payloadType == null)
        {
            return null;
        }
        return new MethodModel(method.getName(), routeKey, JavaNames.methodName(method.getName()),
            JavaNames.constantName(method.getName()), method.getInputType(), method.getOutputType(), request, response,
            payloadType,
            Javadoc.lines(source.comment(path)), method.getOptions().getDeprecated(), path);
    }

    private String messageClass(
        final String protoType, final String javaPackage, final String routeKey, final String where)
    {
        final String javaClass = index.javaClass(protoType);
        if (javaClass == null)
        {
            problems.add(where, "rpc " + routeKey + " uses " + protoType.substring(1) +
                ", which no file of the request defines");
            return null;
        }
        if (!javaPackage.isEmpty() && index.javaPackage(protoType).isEmpty())
        {
            problems.add(where, "rpc " + routeKey + " uses " + protoType.substring(1) + ", whose Java class " +
                javaClass + " is in the unnamed package, which classes in package " + javaPackage +
                " cannot see; give its file a java_package");
            return null;
        }
        return javaClass;
    }

    /**
     * The {@code (actr.payload_type)} option: an extension when the request was parsed with codec's extensions
     * registered (as the plugin does), else found among the unknown fields, so that a request parsed without the
     * registry is read the same.
     */
    private PayloadType payloadType(final MethodOptions options, final String routeKey, final String where)
    {
        if (options.hasExtension(EnvelopeProto.payloadType))
        {
            return options.getExtension(EnvelopeProto.payloadType);
        }
        final UnknownFieldSet.Field field =
            options.getUnknownFields().getField(EnvelopeProto.PAYLOAD_TYPE_FIELD_NUMBER);
        if (field.getVarintList().isEmpty())
        {
            return PayloadType.RPC_RELIABLE;
        }
        final long number = field.getVarintList().get(field.getVarintList().size() - 1);
        final PayloadType payloadType = number == (int)number ? PayloadType.forNumber((int)number) : null;
        if (payloadType == null)
        {
            problems.add(where, "rpc " + routeKey + " has (actr.payload_type) = " + number +
                ", which is not a PayloadType this runtime knows");
        }
        return payloadType;
    }
}
