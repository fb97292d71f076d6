package dev.actr.journal.replay;

/**
 * Figures of one journal of a directory: its records and its cycle files.
 */
public final class JournalKindStats
{
    private final JournalKind kind;
    private final boolean present;
    private final long records;
    private final long recordBytes;
    private final long firstTimeNs;
    private final long lastTimeNs;
    private final int cycleFiles;
    private final long fileBytes;

    JournalKindStats(
        final JournalKind kind,
        final boolean present,
        final long records,
        final long recordBytes,
        final long firstTimeNs,
        final long lastTimeNs,
        final int cycleFiles,
        final long fileBytes)
    {
        this.kind = kind;
        this.present = present;
        this.records = records;
        this.recordBytes = recordBytes;
        this.firstTimeNs = firstTimeNs;
        this.lastTimeNs = lastTimeNs;
        this.cycleFiles = cycleFiles;
        this.fileBytes = fileBytes;
    }

    /**
     * @return the journal.
     */
    public JournalKind kind()
    {
        return kind;
    }

    /**
     * @return true when the directory holds this journal (it may still be empty).
     */
    public boolean isPresent()
    {
        return present;
    }

    /**
     * @return number of records.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return bytes of all records, headers included (Chronicle's framing excluded).
     */
    public long recordBytes()
    {
        return recordBytes;
    }

    /**
     * @return earliest record time (epoch ns, engine clock), or {@link Long#MAX_VALUE} when there are no records.
     */
    public long firstTimeNs()
    {
        return firstTimeNs;
    }

    /**
     * @return latest record time (epoch ns, engine clock), or {@link Long#MIN_VALUE} when there are no records.
     */
    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    /**
     * @return number of cycle files on disk.
     */
    public int cycleFiles()
    {
        return cycleFiles;
    }

    /**
     * @return total length of the cycle files. Apparent size: the files are sparse, so the disk blocks used are
     * usually far fewer.
     */
    public long fileBytes()
    {
        return fileBytes;
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(kind.directoryName()).append(": ");
        if (!present)
        {
            return text.append("absent").toString();
        }
        text.append("records=").append(records).append(" bytes=").append(recordBytes);
        if (records > 0)
        {
            text.append(" first=").append(RecordText.time(firstTimeNs))
                .append(" last=").append(RecordText.time(lastTimeNs));
        }
        return text.append(" files=").append(cycleFiles).append(" fileBytes=").append(fileBytes).toString();
    }
}
