package dev.actr.lanes.signaling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that are either wholly old or wholly new after a crash: written to a temporary sibling, forced to disk,
 * renamed over the target, and the directory forced so the rename is durable too.
 */
final class AtomicFiles
{
    private AtomicFiles()
    {
    }

    /**
     * @param target  the file to replace.
     * @param bytes   its new content.
     * @param secret  make it readable by the owner only (private keys).
     * @throws IOException when writing, forcing or renaming fails.
     */
    static void write(final Path target, final byte[] bytes, final boolean secret) throws IOException
    {
        final Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    static void forceDirectory(final Path directory) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // Some file systems (and non-Linux systems) cannot open a directory for force; the rename stands.
            if (Files.isDirectory(directory) && System.getProperty("os.name", "").startsWith("Linux"))
            {
                throw ex;
            }
        }
    }
}
