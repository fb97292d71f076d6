package dev.actr.journal.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The names behind the indexes in journal records: actor index to ActrId text (index 0 is the host) and route
 * index to route key. Stored as {@code manifest.txt} in the journal directory, one entry a line:
 *
 * <pre>
 *   # actr replay journal manifest
 *   format 1
 *   actor 0 host
 *   actor 1 1@1/acme:book:1
 *   route 0 acme.Book.Place
 * </pre>
 *
 * The name is the rest of the line after the index and one space. Written whole and moved into place, so the
 * latest manifest wins and a reader never sees half of one.
 */
public final class JournalManifest
{
    /** Format number written on the {@code format} line. */
    public static final int FORMAT = 1;
    /** A manifest with no names, read when the directory has none. */
    public static final JournalManifest EMPTY = new JournalManifest(List.of(), List.of());

    private static final String HEADING = "# actr replay journal manifest";
    private static final String ACTOR = "actor";
    private static final String ROUTE = "route";

    private final List<String> actorIds;
    private final List<String> routeKeys;

    /**
     * @param actorIds  actor index to ActrId text.
     * @param routeKeys route index to route key.
     * @throws IllegalArgumentException when a name is null or contains a line break.
     */
    public JournalManifest(final List<String> actorIds, final List<String> routeKeys)
    {
        this.actorIds = List.copyOf(check(actorIds, ACTOR));
        this.routeKeys = List.copyOf(check(routeKeys, ROUTE));
    }

    private static List<String> check(final List<String> names, final String what)
    {
        if (names == null)
        {
            throw new IllegalArgumentException(what + " names must not be null");
        }
        for (int i = 0; i < names.size(); i++)
        {
            final String name = names.get(i);
            if (name == null || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0)
            {
                throw new IllegalArgumentException(what + ' ' + i + " must be a name on one line: " + name);
            }
        }
        return names;
    }

    /**
     * @return actor index to ActrId text.
     */
    public List<String> actorIds()
    {
        return actorIds;
    }

    /**
     * @return route index to route key.
     */
    public List<String> routeKeys()
    {
        return routeKeys;
    }

    /**
     * @param index an actor index from a record.
     * @return the actor's ActrId text, {@code #<index>} when the manifest does not name it, {@code -} for a
     * negative index.
     */
    public String actorName(final int index)
    {
        if (index < 0)
        {
            return "-";
        }
        return index < actorIds.size() ? actorIds.get(index) : "#" + index;
    }

    /**
     * @param index a route index.
     * @return the route key, or {@code #<index>} when the manifest does not name it.
     */
    public String routeKey(final int index)
    {
        return index >= 0 && index < routeKeys.size() ? routeKeys.get(index) : "#" + index;
    }

    /**
     * @param actorId ActrId text.
     * @return the first index with that ActrId, or -1.
     */
    public int actorIndex(final String actorId)
    {
        return actorIds.indexOf(actorId);
    }

    /**
     * @param directory a journal directory that must exist.
     * @return its manifest, or {@link #EMPTY} when none was written.
     * @throws IllegalArgumentException naming the path when the directory does not exist or a line is malformed.
     */
    public static JournalManifest read(final Path directory)
    {
        JournalFiles.requireDirectory(directory);
        final Path file = directory.resolve(JournalFiles.MANIFEST_FILE);
        if (!Files.isRegularFile(file))
        {
            return EMPTY;
        }
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        final List<String> actors = new ArrayList<>();
        final List<String> routes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("format "))
            {
                continue;
            }
            parse(line, actors, routes, file, i + 1);
        }
        return new JournalManifest(actors, routes);
    }

    private static void parse(
        final String line, final List<String> actors, final List<String> routes, final Path file, final int lineNumber)
    {
        final int firstSpace = line.indexOf(' ');
        final int secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
        final String what = firstSpace < 0 ? line : line.substring(0, firstSpace);
        final List<String> names = ACTOR.equals(what) ? actors : ROUTE.equals(what) ? routes : null;
        if (names == null || secondSpace < 0)
        {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": not a manifest entry: " + line);
        }
        final int index;
        try
        {
            index = Integer.parseInt(line.substring(firstSpace + 1, secondSpace));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": bad index: " + line, ex);
        }
        if (index != names.size())
        {
            throw new IllegalArgumentException(
                file + ":" + lineNumber + ": expected " + what + ' ' + names.size() + ": " + line);
        }
        names.add(line.substring(secondSpace + 1));
    }

    /**
     * Write this manifest to a journal directory, replacing the one there.
     *
     * @param directory a journal directory.
     */
    void write(final Path directory)
    {
        final StringBuilder text = new StringBuilder(HEADING).append('\n')
            .append("format ").append(FORMAT).append('\n');
        for (int i = 0; i < actorIds.size(); i++)
        {
            text.append(ACTOR).append(' ').append(i).append(' ').append(actorIds.get(i)).append('\n');
        }
        for (int i = 0; i < routeKeys.size(); i++)
        {
            text.append(ROUTE).append(' ').append(i).append(' ').append(routeKeys.get(i)).append('\n');
        }
        final Path file = directory.resolve(JournalFiles.MANIFEST_FILE);
        final Path temporary = directory.resolve(JournalFiles.MANIFEST_FILE + ".tmp");
        try
        {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof JournalManifest &&
            actorIds.equals(((JournalManifest)other).actorIds) && routeKeys.equals(((JournalManifest)other).routeKeys);
    }

    @Override
    public int hashCode()
    {
        return 31 * actorIds.hashCode() + routeKeys.hashCode();
    }

    @Override
    public String toString()
    {
        return "JournalManifest{actorIds=" + actorIds + ", routeKeys=" + routeKeys + '}';
    }
}
