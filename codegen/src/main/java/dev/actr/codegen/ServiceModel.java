package dev.actr.codegen;

import java.util.List;

/**
 * One service of a file to generate, resolved to the Java it becomes.
 *
 * @param protoName            fully qualified, e.g. {@code acme.Echo}.
 * @param fileName             the .proto file that declares it.
 * @param javaPackage          where the generated classes go (the file's Java package, possibly empty).
 * @param handlerClass         simple name of the handler interface, e.g. {@code EchoHandler}.
 * @param clientClass          simple name of the client class, e.g. {@code EchoClient}.
 * @param comment              Javadoc lines from the .proto comment.
 * @param deprecated           {@code option deprecated = true}.
 * @param usesDeprecatedTypes  a method's request or response class is {@code @Deprecated}.
 * @param methods              the rpc methods, in declaration order.
 * @param path                 SourceCodeInfo path of the declaration.
 */
record ServiceModel(
    String protoName,
    String fileName,
    String javaPackage,
    String handlerClass,
    String clientClass,
    List<String> comment,
    boolean deprecated,
    boolean usesDeprecatedTypes,
    List<MethodModel> methods,
    List<Integer> path)
{
    /**
     * @param simpleName a generated class.
     * @return its output file name, e.g. {@code dev/example/EchoHandler.java}.
     */
    String outputFile(final String simpleName)
    {
        final String file = simpleName + ".java";
        return javaPackage.isEmpty() ? file : javaPackage.replace('.', '/') + "/" + file;
    }
}
