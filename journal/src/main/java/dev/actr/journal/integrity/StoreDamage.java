package dev.actr.journal.integrity;

import java.nio.file.Path;

/**
 * One damaged cycle file found when a store opened, and what was done about it.
 *
 * @param store        the store ("mailbox normal", "dedup", ...).
 * @param file         the damaged cycle file.
 * @param firstLostIndex Chronicle index of the first record that could not be kept (the next index of the file's
 *                     cycle after the last good record).
 * @param offset       byte offset in the file where the damage starts.
 * @param reason       what was wrong.
 * @param goodRecords  records before the damage, all kept.
 * @param lostRecords  whole records the file's header says were written after the damage; -1 when unknown.
 * @param repaired     true when the file was rebuilt from its good records (the launch went on).
 * @param keptCopy     the damaged file as it was (a hard link or a copy), null when not repaired.
 */
public record StoreDamage(
    String store,
    Path file,
    long firstLostIndex,
    long offset,
    String reason,
    long goodRecords,
    long lostRecords,
    boolean repaired,
    Path keptCopy)
{
    /**
     * @return a line for logs and error messages naming the file and the index.
     */
    public String describe()
    {
        return store + ": " + file + " is damaged at byte " + offset + " (" + reason + "); the " + goodRecords +
            " records before index 0x" + Long.toHexString(firstLostIndex) + " are intact, " +
            (lostRecords < 0 ? "an unknown number of" : Long.toString(lostRecords)) + " records after it are lost" +
            (repaired ? "; repaired: the damaged tail is cut off (the damaged file is kept as " + keptCopy + ")" : "");
    }

    /**
     * @param copy the damaged file as it was.
     * @return this event marked repaired.
     */
    StoreDamage repairedKeeping(final Path copy)
    {
        return new StoreDamage(store, file, firstLostIndex, offset, reason, goodRecords, lostRecords, true, copy);
    }
}
