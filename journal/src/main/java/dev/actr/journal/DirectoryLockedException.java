package dev.actr.journal;

import java.nio.file.Path;

/**
 * A durable directory is owned by another process (or another owner in this one): the launch or the writing tool
 * that wanted it is refused, and nothing in the directory was touched.
 */
public final class DirectoryLockedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /** The directory that was refused. */
    private final transient Path directory;

    /**
     * @param directory the directory that was refused.
     * @param owner     who holds it, as its lock file says.
     */
    public DirectoryLockedException(final Path directory, final String owner)
    {
        super(directory.toAbsolutePath() + " is in use by " + owner + ": stop that process (or close that node) " +
            "first; two writers on one directory would corrupt it");
        this.directory = directory;
    }

    /**
     * @return the directory that was refused.
     */
    public Path directory()
    {
        return directory;
    }
}
