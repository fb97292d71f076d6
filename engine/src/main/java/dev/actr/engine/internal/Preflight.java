package dev.actr.engine.internal;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before anything else runs, that this JVM was started with the flags actr needs, so that a node started
 * without them fails with one line naming the missing flags instead of an {@code IllegalAccessError} from Agrona or
 * a Chronicle queue that silently turned read-only. It checks what the libraries actually need, in the modules
 * that need it:
 * <ul>
 *   <li>Agrona's module reads {@code jdk.internal.misc} (its {@code Unsafe} access): always.</li>
 *   <li>Chronicle's module reads {@code sun.nio.ch} (without it queues turn read-only) and {@code jdk.internal.ref},
 *   and may reflect into {@code java.lang.reflect}; {@code chronicle.analytics.disable} and
 *   {@code chronicle.announcer.disable} are {@code true} (Chronicle must never phone home or print banners): only
 *   for a node that keeps Chronicle queues (one with a directory).</li>
 *   <li>On JDK 24 and newer, {@code --sun-misc-unsafe-memory-access=allow} is on the command line (protobuf-java
 *   uses {@code sun.misc.Unsafe}), and native access is enabled for Chronicle's module (JNA, jffi) when Chronicle
 *   is used.</li>
 * </ul>
 * The full set, in step with {@code cli/bin/jvm-flags} and the root pom's {@code actr.jvm.flags}, is
 * {@link #requiredFlags()}.
 */
public final class Preflight
{
    /** Where the full set of flags for a given {@code java} is printed. */
    public static final String FLAGS_SCRIPT = "cli/bin/jvm-flags";

    private static final String CHRONICLE_CLASS = "net.openhft.chronicle.core.Jvm";
    private static final String UNSAFE_MEMORY_ACCESS_FLAG = "--sun-misc-unsafe-memory-access=allow";
    private static final int MODERN_FEATURE = 24;

    private Preflight()
    {
    }

    /**
     * Throw when this JVM lacks a flag the node needs.
     *
     * @param chronicle whether the node keeps Chronicle queues (it has a directory).
     * @throws IllegalStateException with one line naming every missing flag and {@link #FLAGS_SCRIPT}.
     */
    public static void check(final boolean chronicle)
    {
        final List<String> missing = missingFlags(chronicle);
        if (!missing.isEmpty())
        {
            throw new IllegalStateException(message(missing));
        }
    }

    /**
     * @param missing flags that {@link #missingFlags(boolean)} reported.
     * @return one line naming them and where the full set is printed.
     */
    public static String message(final List<String> missing)
    {
        return "this JVM lacks the flags actr needs: " + String.join(" ", missing) +
            " (add them to the java command line; " + FLAGS_SCRIPT + " prints the full set for your java)";
    }

    /**
     * @param chronicle whether the caller uses Chronicle queues.
     * @return the flags this JVM lacks, as they must be written on the command line; empty when none.
     */
    public static List<String> missingFlags(final boolean chronicle)
    {
        final List<String> missing = new ArrayList<>();
        final Module javaBase = Object.class.getModule();
        final Module agrona = UnsafeBuffer.class.getModule();
        if (!javaBase.isExported("jdk.internal.misc", agrona))
        {
            missing.add("--add-exports=java.base/jdk.internal.misc=" + target(agrona));
        }
        final Module chronicleModule = chronicle ? chronicleModule() : null;
        if (chronicleModule != null)
        {
            checkChronicle(javaBase, chronicleModule, missing);
        }
        if (Runtime.version().feature() >= MODERN_FEATURE)
        {
            checkModern(chronicleModule, missing);
        }
        return missing;
    }

    /**
     * @return every flag actr needs on this JVM (for {@code ALL-UNNAMED}, the class path), in the order
     * {@link #FLAGS_SCRIPT} prints them.
     */
    public static List<String> requiredFlags()
    {
        final List<String> flags = new ArrayList<>(List.of(
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true"));
        if (Runtime.version().feature() >= MODERN_FEATURE)
        {
            flags.add("--enable-native-access=ALL-UNNAMED");
            flags.add(UNSAFE_MEMORY_ACCESS_FLAG);
        }
        return flags;
    }

    private static void checkChronicle(final Module javaBase, final Module chronicle, final List<String> missing)
    {
        if (!javaBase.isExported("sun.nio.ch", chronicle))
        {
            missing.add("--add-exports=java.base/sun.nio.ch=" + target(chronicle));
        }
        if (!javaBase.isOpen("java.lang.reflect", chronicle))
        {
            missing.add("--add-opens=java.base/java.lang.reflect=" + target(chronicle));
        }
        if (!javaBase.isExported("jdk.internal.ref", chronicle))
        {
            missing.add("--add-exports=java.base/jdk.internal.ref=" + target(chronicle));
        }
        for (final String property : List.of("chronicle.analytics.disable", "chronicle.announcer.disable"))
        {
            if (!"true".equals(System.getProperty(property)))
            {
                missing.add("-D" + property + "=true");
            }
        }
    }

    /** Chronicle's native libraries (JNA, jffi) need native access; protobuf-java uses sun.misc.Unsafe memory access. */
    private static void checkModern(final Module chronicle, final List<String> missing)
    {
        if (chronicle != null && !nativeAccessEnabled(chronicle))
        {
            missing.add("--enable-native-access=" + target(chronicle));
        }
        if (ModuleLayer.boot().findModule("java.management").isPresent() &&
            !ManagementFactory.getRuntimeMXBean().getInputArguments().contains(UNSAFE_MEMORY_ACCESS_FLAG))
        {
            missing.add(UNSAFE_MEMORY_ACCESS_FLAG);
        }
    }

    /** {@code Module.isNativeAccessEnabled()} (JDK 22+) through reflection: this code is compiled for 17. */
    private static boolean nativeAccessEnabled(final Module module)
    {
        try
        {
            final Method method = Module.class.getMethod("isNativeAccessEnabled");
            return (Boolean)method.invoke(module);
        }
        catch (final NoSuchMethodException | IllegalAccessException | InvocationTargetException ex)
        {
            return true;
        }
    }

    private static Module chronicleModule()
    {
        try
        {
            return Class.forName(CHRONICLE_CLASS, false, Preflight.class.getClassLoader()).getModule();
        }
        catch (final ClassNotFoundException ex)
        {
            return null;
        }
    }

    private static String target(final Module module)
    {
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }
}
