package dev.actr.codegen;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What makes a request unservable, each as {@code file:line:column: reason} (protoc's own error form), in the order
 * found, each once. Not thread safe.
 */
final class Problems
{
    private final Set<String> messages = new LinkedHashSet<>();

    /**
     * @param where  {@code file:line:column}, or a file name.
     * @param reason what is wrong and what to do about it.
     */
    void add(final String where, final String reason)
    {
        messages.add(where + ": " + reason);
    }

    /**
     * @param others problems to add after these.
     */
    void add(final Problems others)
    {
        messages.addAll(others.messages);
    }

    /**
     * @return true when nothing was found.
     */
    boolean isEmpty()
    {
        return messages.isEmpty();
    }

    /**
     * @return every problem, one a line.
     */
    @Override
    public String toString()
    {
        return String.join("\n", messages);
    }
}
