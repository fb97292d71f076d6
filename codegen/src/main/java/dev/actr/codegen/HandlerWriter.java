package dev.actr.codegen;

import java.util.ArrayList;
import java.util.List;

import static dev.actr.codegen.JavaSource.ACTOR_CONTEXT;
import static dev.actr.codegen.JavaSource.ERROR_CODE;
import static dev.actr.codegen.JavaSource.OBJECTS;
import static dev.actr.codegen.JavaSource.PAYLOAD_TYPE;
import static dev.actr.codegen.JavaSource.ROUTES;

/**
 * Writes {@code <Service>Handler}: an interface with one default method per rpc (answering {@code NotImplemented}
 * until overridden) and a static {@code bind} that registers each method under its route key, with its payload
 * type and request parser.
 */
final class HandlerWriter
{
    private HandlerWriter()
    {
    }

    /**
     * @param service a checked service.
     * @return the source of its handler interface.
     */
    static String write(final ServiceModel service)
    {
        final JavaSource source = new JavaSource(service);
        source.javadoc(classComment(service));
        annotations(source, service.deprecated(), service.usesDeprecatedTypes());
        source.line("public interface " + service.handlerClass()).open();
        for (final MethodModel method : service.methods())
        {
            writeMethod(source, service, method);
            source.line("");
        }
        writeBind(source, service);
        source.close();
        return source.toString();
    }

    private static List<String> classComment(final ServiceModel service)
    {
        final List<String> lines = new ArrayList<>(Javadoc.paragraphs(service.comment(), false));
        if (!lines.isEmpty())
        {
            lines.add("");
        }
        lines.add((lines.isEmpty() ? "" : "<p>") + "Serves {@code " + service.protoName() +
            "}: implement the methods this actor serves and register");
        lines.add("them with {@link #bind}. Each runs on the scheduler thread and must not block; one left out");
        lines.add("answers {@code NotImplemented}. To reply later, {@code ctx.defer()} and return {@code null}.");
        deprecatedTag(lines, service.deprecated());
        return lines;
    }

    private static void writeMethod(final JavaSource source, final ServiceModel service, final MethodModel method)
    {
        final List<String> doc = new ArrayList<>(Javadoc.paragraphs(method.comment(), false));
        if (!doc.isEmpty())
        {
            doc.add("");
        }
        doc.add((doc.isEmpty() ? "" : "<p>") + "Route {@code " + method.routeKey() + "}, payload type {@code " +
            method.payloadType() + "}.");
        doc.add("");
        doc.add("@param ctx     the actor's context for this request.");
        doc.add("@param request the request.");
        doc.add("@return the response, or {@code null} after {@code ctx.defer()} or {@code ctx.fail(...)} (and for a");
        doc.add("        tell, whose response nobody reads).");
        deprecatedTag(doc, method.deprecated());
        source.javadoc(doc);
        annotations(source, method.deprecated(), false);
        source.wrapped("default " + method.responseClass() + " " + method.javaName() + "(",
            "final " + ACTOR_CONTEXT + " ctx, final " + method.requestClass() + " request)");
        source.open()
            .line("ctx.fail(" + ERROR_CODE + ".NOT_IMPLEMENTED.code(), \"" + method.routeKey() +
                " is not implemented\");")
            .line("return null;")
            .close();
    }

    private static void writeBind(final JavaSource source, final ServiceModel service)
    {
        source.javadoc(List.of(
            "Registers every method of {@code " + service.protoName() + "} with its route key, payload type and",
            "request parser. Call it from {@link dev.actr.engine.actor.Actor#onRegister}, once per actor.",
            "",
            "@param routes  of the actor.",
            "@param handler the implementation.",
            "@return {@code routes}."));
        source.line("static " + ROUTES + " bind(final " + ROUTES + " routes, final " + service.handlerClass() +
            " handler)").open();
        source.line(OBJECTS + ".requireNonNull(handler, \"handler\");");
        for (final MethodModel method : service.methods())
        {
            source.wrapped("routes.handle(" + service.clientClass() + "." + method.constant() + ",",
                method.requestClass() + ".parser(), handler::" + method.javaName() + ");");
        }
        source.line("return routes;").close();
    }

    /**
     * @param lines    Javadoc to extend.
     * @param deprecated whether the element is deprecated in the .proto.
     */
    static void deprecatedTag(final List<String> lines, final boolean deprecated)
    {
        if (deprecated)
        {
            lines.add("@deprecated marked deprecated in the .proto file.");
        }
    }

    /**
     * @param source                where to write.
     * @param deprecated            annotate {@code @Deprecated}.
     * @param suppressDeprecation   annotate {@code @SuppressWarnings("deprecation")}.
     */
    static void annotations(final JavaSource source, final boolean deprecated, final boolean suppressDeprecation)
    {
        if (deprecated)
        {
            source.line("@Deprecated");
        }
        if (suppressDeprecation)
        {
            source.line("@SuppressWarnings(\"deprecation\")");
        }
    }
}
