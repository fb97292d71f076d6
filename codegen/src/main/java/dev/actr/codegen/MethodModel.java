package dev.actr.codegen;

import dev.actr.codec.proto.PayloadType;

import java.util.List;

/**
 * One rpc method, resolved to the names the generated Java uses.
 *
 * @param protoName     the rpc name, e.g. {@code Say}.
 * @param routeKey      {@code package.Service.Method}, as actr forms it.
 * @param javaName      the method name of the handler and of the client's call, e.g. {@code say} or {@code import_}.
 * @param constant      the name of the route key constant, e.g. {@code SAY}.
 * @param requestType   the request message's proto name, e.g. {@code .acme.SayRequest}.
 * @param responseType  the response message's proto name.
 * @param requestClass  the request message's Java class, fully qualified.
 * @param responseClass the response message's Java class, fully qualified.
 * @param payloadType   from {@code (actr.payload_type)}, RPC_RELIABLE when absent.
 * @param comment       Javadoc lines from the .proto comment.
 * @param deprecated    {@code option deprecated = true}.
 * @param path          SourceCodeInfo path of the declaration.
 */
record MethodModel(
    String protoName,
    String routeKey,
    String javaName,
    String constant,
    String requestType,
    String responseType,
    String requestClass,
    String responseClass,
    PayloadType payloadType,
    List<String> comment,
    boolean deprecated,
    List<Integer> path)
{
    /**
     * @return the name of the client's tell, e.g. {@code tellSay}.
     */
    String tellName()
    {
        return "tell" + JavaNames.upperCamel(protoName);
    }

    /**
     * @return the name of the client's blocking host call, e.g. {@code sayBlocking}.
     */
    String blockingName()
    {
        return JavaNames.lowerCamel(protoName) + "Blocking";
    }

    /**
     * @return the name of the client's response parser constant, e.g. {@code SAY_RESPONSE_PARSER}.
     */
    String parserConstant()
    {
        return constant + "_RESPONSE_PARSER";
    }
}
