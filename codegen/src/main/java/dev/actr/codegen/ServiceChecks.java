package dev.actr.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses services whose generated Java would not compile or would overwrite other classes: a generated class whose
 * name another top-level class of the Java package has (a message, its OrBuilder, an enum, an outer class, another
 * service's generated class; compared ignoring case, as file systems may), two generated members with one signature,
 * and names in scope that would hide the packages the generated code names classes by.
 */
final class ServiceChecks
{
    /** Parameter and field names of the generated code that appear where a package name could be read. */
    private static final Set<String> VARIABLES = Set.of("ctx", "request", "host", "timeoutMs", "routes", "handler",
        "dest");
    /** First segments of the runtime classes the generated code names in full. */
    private static final List<String> RUNTIME_ROOTS = List.of("dev", "java", "com");

    private final JavaTypeIndex index;
    private final Problems problems;

    ServiceChecks(final JavaTypeIndex index, final Problems problems)
    {
        this.index = index;
        this.problems = problems;
    }

    /**
     * @param service a resolved service.
     * @return true when it can be generated; otherwise the reasons are recorded.
     */
    boolean check(final ServiceModel service)
    {
        final SourceLocator source = new SourceLocator(index.file(service.fileName()));
        final Problems found = new Problems();
        checkClasses(service, service.handlerClass(), source, found);
        checkClasses(service, service.clientClass(), source, found);
        checkMembers(service, handlerMembers(service), service.handlerClass(), source, found);
        checkMembers(service, clientMembers(service), service.clientClass(), source, found);
        checkShadowing(service, source, found);
        if (found.isEmpty())
        {
            return true;
        }
        problems.add(found);
        return false;
    }

    private void checkClasses(
        final ServiceModel service, final String generated, final SourceLocator source, final Problems found)
    {
        for (final JavaTypeIndex.TopLevelClass other : index.topLevelClasses(service.javaPackage()))
        {
            final boolean self = other.simpleName().equals(generated) && other.file().equals(service.fileName()) &&
                other.path().equals(service.path());
            if (self || !other.simpleName().equalsIgnoreCase(generated))
            {
                continue;
            }
            found.add(source.where(service.path()), "service " + service.protoName() + ": the generated class " +
                JavaNames.qualify(service.javaPackage(), generated) + " clashes with " + other.what() + " (" +
                whereOf(other) + ")" + (other.simpleName().equals(generated) ? "" :
                ", whose name differs only in case (one file on case-insensitive file systems)") +
                "; rename one of them, or move one to another java_package / java_outer_classname");
        }
    }

    private String whereOf(final JavaTypeIndex.TopLevelClass other)
    {
        return other.path().isEmpty() || index.file(other.file()) == null ? other.file() :
            new SourceLocator(index.file(other.file())).where(other.path());
    }

    private static void checkMembers(
        final ServiceModel service,
        final Map<String, List<MethodModel>> members,
        final String className,
        final SourceLocator source,
        final Problems found)
    {
        for (final Map.Entry<String, List<MethodModel>> member : members.entrySet())
        {
            if (member.getValue().size() < 2)
            {
                continue;
            }
            final List<String> names = new ArrayList<>();
            boolean fixed = false;
            for (final MethodModel method : member.getValue())
            {
                if (method == null)
                {
                    fixed = true;
                }
                else
                {
                    names.add(method.protoName());
                }
            }
            final MethodModel last = member.getValue().get(member.getValue().size() - 1);
            found.add(source.where(last.path()), "service " + service.protoName() + ": " + (fixed ?
                "rpc " + names.get(0) + " generates " + className + "." + member.getKey() + ", which " + className +
                " has already" : "rpc methods " + String.join(" and ", names) + " all generate " + className + "." +
                member.getKey()) + "; rename the rpc");
        }
    }

    /** Members of the handler interface by signature, each with the rpc methods (null: fixed) it comes from. */
    private static Map<String, List<MethodModel>> handlerMembers(final ServiceModel service)
    {
        final Map<String, List<MethodModel>> members = new LinkedHashMap<>();
        add(members, "bind(Routes, " + service.handlerClass() + ")", null);
        for (final MethodModel method : service.methods())
        {
            add(members, method.javaName() + "(ActorContext, " + method.requestClass() + ")", method);
        }
        return members;
    }

    /** Members of the client class by signature (fields by name), each with the rpc methods it comes from. */
    private static Map<String, List<MethodModel>> clientMembers(final ServiceModel service)
    {
        final Map<String, List<MethodModel>> members = new LinkedHashMap<>();
        add(members, "dest", null);
        add(members, "dest()", null);
        add(members, "to(Dest)", null);
        for (final MethodModel method : service.methods())
        {
            final String request = method.requestClass();
            add(members, method.constant(), method);
            add(members, method.parserConstant(), method);
            add(members, method.javaName() + "(ActorContext, " + request + ", long)", method);
            add(members, method.tellName() + "(ActorContext, " + request + ")", method);
            add(members, method.javaName() + "(HostClient, " + request + ", long)", method);
            add(members, method.blockingName() + "(HostClient, " + request + ", long)", method);
            add(members, method.tellName() + "(HostClient, " + request + ")", method);
        }
        return members;
    }

    private static void add(final Map<String, List<MethodModel>> members, final String key, final MethodModel method)
    {
        members.computeIfAbsent(key, ignored -> new ArrayList<>()).add(method);
    }

    /**
     * The generated code names every class in full. A top-level class of the service's Java package, or a parameter
     * or field of the generated code, named like the first segment of such a name would hide that package.
     */
    private void checkShadowing(final ServiceModel service, final SourceLocator source, final Problems found)
    {
        final Map<String, Boolean> roots = new LinkedHashMap<>();
        for (final String root : RUNTIME_ROOTS)
        {
            roots.put(root, true);
        }
        final Set<String> fields = new LinkedHashSet<>(VARIABLES);
        for (final MethodModel method : service.methods())
        {
            roots.merge(JavaNames.firstSegment(method.requestClass()),
                !index.javaPackage(method.requestType()).isEmpty(), Boolean::logicalOr);
            roots.merge(JavaNames.firstSegment(method.responseClass()),
                !index.javaPackage(method.responseType()).isEmpty(), Boolean::logicalOr);
            fields.add(method.constant());
            fields.add(method.parserConstant());
        }
        final Set<String> types = new LinkedHashSet<>();
        for (final JavaTypeIndex.TopLevelClass type : index.topLevelClasses(service.javaPackage()))
        {
            types.add(type.simpleName());
        }
        for (final Map.Entry<String, Boolean> entry : roots.entrySet())
        {
            final String root = entry.getKey();
            if ((entry.getValue() && types.contains(root)) || fields.contains(root))
            {
                found.add(source.where(service.path()), "service " + service.protoName() + ": the generated code " +
                    "names classes under '" + root + ".' in full, but " + (fields.contains(root) ?
                    "its own parameter or field '" + root + "'" : "class " + root + " of the same Java package") +
                    " would hide that package; rename the type or move it to another java_package");
            }
        }
    }
}
