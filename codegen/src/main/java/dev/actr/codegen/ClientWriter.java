package dev.actr.codegen;

import java.util.ArrayList;
import java.util.List;

import static dev.actr.codegen.JavaSource.ACTOR_CONTEXT;
import static dev.actr.codegen.JavaSource.DEST;
import static dev.actr.codegen.JavaSource.FUTURE;
import static dev.actr.codegen.JavaSource.HOST_CLIENT;
import static dev.actr.codegen.JavaSource.OBJECTS;
import static dev.actr.codegen.JavaSource.PARSER;
import static dev.actr.codegen.JavaSource.REPLY;
import static dev.actr.codegen.JavaSource.ROUTE_KEY;

/**
 * Writes {@code <Service>Client}: the route key constants of the service, and for one destination, per rpc a call
 * and a tell from an actor ({@code ActorContext}) and a call (future), a blocking call and a tell from the host
 * ({@code HostClient}). Route keys and response parsers are constants, so a call allocates nothing of its own.
 */
final class ClientWriter
{
    private ClientWriter()
    {
    }

    /**
     * @param service a checked service.
     * @return the source of its client class.
     */
    static String write(final ServiceModel service)
    {
        final JavaSource source = new JavaSource(service);
        source.javadoc(classComment(service));
        HandlerWriter.annotations(source, service.deprecated(), service.usesDeprecatedTypes());
        source.line("public final class " + service.clientClass()).open();
        writeConstants(source, service);
        writeConstruction(source, service);
        for (final MethodModel method : service.methods())
        {
            writeActorMethods(source, method);
            writeHostMethods(source, method);
        }
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
        lines.add((lines.isEmpty() ? "" : "<p>") + "Calls {@code " + service.protoName() +
            "} on one actor: from an actor's handler or continuation");
        lines.add("(a {@link " + REPLY + "} to continue from, on the scheduler thread), or from the host through");
        lines.add("{@link " + HOST_CLIENT + "} (a future, or blocking the calling thread). Every rpc can also be sent");
        lines.add("as a tell (no response; the handler's return value is dropped). Immutable; any thread.");
        HandlerWriter.deprecatedTag(lines, service.deprecated());
        return lines;
    }

    private static void writeConstants(final JavaSource source, final ServiceModel service)
    {
        for (final MethodModel method : service.methods())
        {
            source.javadoc(List.of("Route key of {@code " + method.protoName() + "}: {@code \"" + method.routeKey() +
                "\"}, on {@code " + method.payloadType() + "}."));
            source.wrapped("public static final " + ROUTE_KEY + " " + method.constant() + " =",
                ROUTE_KEY + ".of(\"" + method.routeKey() + "\", " + JavaSource.PAYLOAD_TYPE + "." +
                method.payloadType() + ");");
            source.line("");
        }
        for (final MethodModel method : service.methods())
        {
            source.wrapped("private static final " + PARSER + "<" + method.responseClass() + "> " +
                method.parserConstant() + " =", method.responseClass() + ".parser();");
        }
        source.line("");
        source.line("private final " + DEST + " dest;");
        source.line("");
    }

    private static void writeConstruction(final JavaSource source, final ServiceModel service)
    {
        source.line("private " + service.clientClass() + "(final " + DEST + " dest)").open()
            .line("this.dest = " + OBJECTS + ".requireNonNull(dest, \"dest\");")
            .close()
            .line("");
        source.javadoc(List.of(
            "@param dest the actor serving {@code " + service.protoName() + "}.",
            "@return a client calling it."));
        source.line("public static " + service.clientClass() + " to(final " + DEST + " dest)").open()
            .line("return new " + service.clientClass() + "(dest);")
            .close()
            .line("");
        source.javadoc(List.of("@return the actor this client calls."));
        source.line("public " + DEST + " dest()").open()
            .line("return dest;")
            .close();
    }

    private static void writeActorMethods(final JavaSource source, final MethodModel method)
    {
        final String request = method.requestClass();
        source.line("");
        source.javadoc(doc(method, "Calls {@code " + method.routeKey() + "} from an actor.", List.of(
            "@param ctx       the calling actor's context.",
            "@param request   the request.",
            "@param timeoutMs deadline budget (capped by the remaining deadline of the request being handled).",
            "@return the reply handle; continue with {@link " + REPLY + "#then}.")));
        HandlerWriter.annotations(source, method.deprecated(), false);
        source.wrapped("public " + REPLY + "<" + method.responseClass() + "> " + method.javaName() + "(",
            "final " + ACTOR_CONTEXT + " ctx, final " + request + " request, final long timeoutMs)");
        source.open()
            .line("return ctx.call(dest, " + method.constant() + ", request, " + method.parserConstant() +
                ", timeoutMs);")
            .close()
            .line("");
        source.javadoc(doc(method, "Sends {@code " + method.routeKey() + "} from an actor as a tell (no response).",
            List.of(
                "@param ctx     the calling actor's context.",
                "@param request the message.",
                "@return true when it was sent; false when the destination is unreachable or the ingress is full.")));
        HandlerWriter.annotations(source, method.deprecated(), false);
        source.line("public boolean " + method.tellName() + "(final " + ACTOR_CONTEXT + " ctx, final " + request +
            " request)").open()
            .line("return ctx.tell(dest, " + method.constant() + ", request);")
            .close();
    }

    private static void writeHostMethods(final JavaSource source, final MethodModel method)
    {
        final String request = method.requestClass();
        final String response = method.responseClass();
        source.line("");
        source.javadoc(doc(method, "Calls {@code " + method.routeKey() + "} from the host.", List.of(
            "@param host      the node's host client.",
            "@param request   the request.",
            "@param timeoutMs deadline budget, &gt; 0.",
            "@return completes with the response, or exceptionally with a",
            "        {@link dev.actr.engine.CallFailedException}; completion runs on the engine thread.")));
        HandlerWriter.annotations(source, method.deprecated(), false);
        source.wrapped("public " + FUTURE + "<" + response + "> " + method.javaName() + "(",
            "final " + HOST_CLIENT + " host, final " + request + " request, final long timeoutMs)");
        source.open()
            .line("return host.call(dest, " + method.constant() + ", request, " + method.parserConstant() +
                ", timeoutMs);")
            .close()
            .line("");
        source.javadoc(doc(method, "Calls {@code " + method.routeKey() + "} from the host and waits on this thread.",
            List.of(
                "@param host      the node's host client.",
                "@param request   the request.",
                "@param timeoutMs deadline budget, &gt; 0.",
                "@return the response.",
                "@throws dev.actr.engine.CallFailedException when the actor answered an error, the deadline passed",
                "        or the call could not be sent.")));
        HandlerWriter.annotations(source, method.deprecated(), false);
        source.wrapped("public " + response + " " + method.blockingName() + "(",
            "final " + HOST_CLIENT + " host, final " + request + " request, final long timeoutMs)");
        source.open()
            .line("return host.callBlocking(dest, " + method.constant() + ", request, " + method.parserConstant() +
                ", timeoutMs);")
            .close()
            .line("");
        source.javadoc(doc(method, "Sends {@code " + method.routeKey() + "} from the host as a tell (no response).",
            List.of(
                "@param host    the node's host client.",
                "@param request the message.",
                "@return a {@link dev.actr.engine.SendResult}: {@code OK}, or why nothing was taken.")));
        HandlerWriter.annotations(source, method.deprecated(), false);
        source.line("public int " + method.tellName() + "(final " + HOST_CLIENT + " host, final " + request +
            " request)").open()
            .line("return host.tell(dest, " + method.constant() + ", request);")
            .close();
    }

    private static List<String> doc(final MethodModel method, final String summary, final List<String> tags)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(summary);
        if (!method.comment().isEmpty())
        {
            lines.add("");
            lines.addAll(Javadoc.paragraphs(method.comment(), true));
        }
        lines.add("");
        lines.addAll(tags);
        HandlerWriter.deprecatedTag(lines, method.deprecated());
        return lines;
    }
}
