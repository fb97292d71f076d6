package dev.actr.codegen;

import java.util.Locale;
import java.util.Set;

/**
 * Java identifiers for proto names: the outer class name protobuf-java derives from a file name, method and
 * constant names for rpc methods, and escaping of Java keywords.
 */
final class JavaNames
{
    /** Reserved words and literals, plus {@code yield} (a method of that name cannot be called unqualified). */
    private static final Set<String> KEYWORDS = Set.of(
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
        "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
        "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
        "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
        "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_", "yield");

    private JavaNames()
    {
    }

    /**
     * @param word a candidate identifier.
     * @return true when it cannot be used as a method name.
     */
    static boolean isKeyword(final String word)
    {
        return KEYWORDS.contains(word);
    }

    /**
     * protobuf-java's camel casing: letters after a digit or a non-alphanumeric character are capitalized, the
     * non-alphanumeric characters dropped; a leading capital is lowered unless {@code capitalizeFirst}.
     *
     * @param input           a proto name.
     * @param capitalizeFirst true for class names.
     * @return the camel-cased name.
     */
    static String camelCase(final String input, final boolean capitalizeFirst)
    {
        final StringBuilder out = new StringBuilder(input.length());
        boolean capitalizeNext = capitalizeFirst;
        for (int i = 0; i < input.length(); i++)
        {
            final char c = input.charAt(i);
            if (c >= 'a' && c <= 'z')
            {
                out.append(capitalizeNext ? (char)(c - 'a' + 'A') : c);
                capitalizeNext = false;
            }
            else if (c >= 'A' && c <= 'Z')
            {
                out.append(i == 0 && !capitalizeNext ? (char)(c - 'A' + 'a') : c);
                capitalizeNext = false;
            }
            else if (c >= '0' && c <= '9')
            {
                out.append(c);
                capitalizeNext = true;
            }
            else
            {
                capitalizeNext = true;
            }
        }
        return out.toString();
    }

    /**
     * The outer class name protobuf-java gives a file without {@code java_outer_classname}, before the
     * {@code OuterClass} suffix it adds on a clash: {@code foo/bar_baz.proto -> BarBaz}.
     *
     * @param fileName the proto file name, e.g. {@code acme/echo_service.proto}.
     * @return the default outer class name.
     */
    static String defaultOuterClassName(final String fileName)
    {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        if (base.endsWith(".protodevel"))
        {
            base = base.substring(0, base.length() - ".protodevel".length());
        }
        else if (base.endsWith(".proto"))
        {
            base = base.substring(0, base.length() - ".proto".length());
        }
        return camelCase(base, true);
    }

    /**
     * @param rpcName e.g. {@code GetFoo}.
     * @return the lower camel name, e.g. {@code getFoo}, before keyword escaping.
     */
    static String lowerCamel(final String rpcName)
    {
        return camelCase(rpcName, false);
    }

    /**
     * @param rpcName e.g. {@code Import}.
     * @return a method name usable in Java: {@code import_} for a keyword, otherwise the lower camel name.
     */
    static String methodName(final String rpcName)
    {
        final String name = lowerCamel(rpcName);
        return isKeyword(name) ? name + "_" : name;
    }

    /**
     * @param rpcName e.g. {@code GetFoo}.
     * @return the name with its first letter capitalized, for composed names such as {@code tellGetFoo}.
     */
    static String upperCamel(final String rpcName)
    {
        final String name = lowerCamel(rpcName);
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * @param rpcName e.g. {@code GetHTTPHeader} or {@code get_foo}.
     * @return a constant name, e.g. {@code GET_HTTP_HEADER} or {@code GET_FOO}.
     */
    static String constantName(final String rpcName)
    {
        final StringBuilder out = new StringBuilder(rpcName.length() + 8);
        for (int i = 0; i < rpcName.length(); i++)
        {
            final char c = rpcName.charAt(i);
            if (!Character.isLetterOrDigit(c))
            {
                separate(out);
                continue;
            }
            if (Character.isUpperCase(c) && i > 0)
            {
                final char previous = rpcName.charAt(i - 1);
                final boolean nextIsLower = i + 1 < rpcName.length() && Character.isLowerCase(rpcName.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous) ||
                    (Character.isUpperCase(previous) && nextIsLower))
                {
                    separate(out);
                }
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private static void separate(final StringBuilder out)
    {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_')
        {
            out.append('_');
        }
    }

    /**
     * @param javaPackage a package, possibly empty.
     * @param simpleName  a class name.
     * @return the qualified name.
     */
    static String qualify(final String javaPackage, final String simpleName)
    {
        return javaPackage.isEmpty() ? simpleName : javaPackage + "." + simpleName;
    }

    /**
     * @param qualifiedName e.g. {@code dev.example.Foo.Bar}.
     * @return its first segment, e.g. {@code dev}.
     */
    static String firstSegment(final String qualifiedName)
    {
        final int dot = qualifiedName.indexOf('.');
        return dot < 0 ? qualifiedName : qualifiedName.substring(0, dot);
    }
}
