package dev.actr.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns .proto comments into Javadoc lines that cannot break the generated code or its Javadoc: HTML characters,
 * {@code @} (tags), {@code *}{@code /} (the end of the comment) and backslashes (javac reads {@code \}{@code u}
 * escapes even inside comments) are written as entities.
 */
final class Javadoc
{
    private Javadoc()
    {
    }

    /**
     * @param comment a comment as protoc hands it over (each line usually starts with one space).
     * @return its lines, escaped, with the common indentation, trailing blanks and surrounding empty lines removed.
     */
    static List<String> lines(final String comment)
    {
        final String[] raw = comment.split("\r?\n", -1);
        int indent = Integer.MAX_VALUE;
        for (final String line : raw)
        {
            if (!line.isBlank())
            {
                indent = Math.min(indent, leadingSpaces(line));
            }
        }
        final List<String> lines = new ArrayList<>();
        for (final String line : raw)
        {
            lines.add(line.isBlank() ? "" : escape(line.substring(indent).stripTrailing()));
        }
        while (!lines.isEmpty() && lines.get(0).isEmpty())
        {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty())
        {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /**
     * @param lines            comment lines from {@link #lines}.
     * @param firstIsParagraph true when the lines follow other text, so that their first paragraph needs a mark too.
     * @return the lines with every paragraph (after a blank line) opened by {@code <p>}, as Javadoc renders it.
     */
    static List<String> paragraphs(final List<String> lines, final boolean firstIsParagraph)
    {
        final List<String> out = new ArrayList<>(lines.size());
        boolean opensParagraph = firstIsParagraph;
        for (final String line : lines)
        {
            out.add(opensParagraph && !line.isEmpty() ? "<p>" + line : line);
            opensParagraph = line.isEmpty();
        }
        return out;
    }

    /**
     * @param text plain text.
     * @return the text, safe inside a Javadoc comment.
     */
    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '@':
                    out.append("&#64;");
                    break;
                case '\\':
                    out.append("&#92;");
                    break;
                case '/':
                    out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    private static int leadingSpaces(final String line)
    {
        int count = 0;
        while (count < line.length() && (line.charAt(count) == ' ' || line.charAt(count) == '\t'))
        {
            count++;
        }
        return count;
    }
}
