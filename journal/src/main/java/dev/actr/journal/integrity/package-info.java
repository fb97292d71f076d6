/**
 * Integrity of the Chronicle-backed stores at start-up: a walk of each cycle file's documents, read through a channel
 * before Chronicle maps anything, finds a torn or damaged tail, a damaged record header, store header or index
 * ({@code CycleFileScan}, {@code IndexCheck}); a repair keeps the good records at their own indices and cuts the rest
 * ({@link dev.actr.journal.integrity.QueueRepair}); what was found is reported
 * ({@link dev.actr.journal.integrity.StoreIntegrity}: log line naming the file and the index, error handler, counts)
 * or refused ({@link dev.actr.journal.integrity.StoreDamageException}).
 *
 * <p>Data flow position: runs once when a store opens, before its first read or write; readers of a damaged store
 * read a private copy of its good records.
 */
package dev.actr.journal.integrity;
