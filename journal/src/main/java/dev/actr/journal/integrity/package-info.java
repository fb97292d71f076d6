/**
 * Integrity of the Chronicle-backed stores at start-up: a raw walk of each cycle file's documents finds a torn or
 * damaged tail before Chronicle maps it ({@code CycleFileScan}), a repair keeps the good records at their own indices
 * and cuts the rest ({@code QueueRepair}), and what was found is reported ({@link dev.actr.journal.integrity.StoreIntegrity}:
 * error handler, counts, a log line naming the file and the index) or refused
 * ({@link dev.actr.journal.integrity.StoreDamageException}).
 *
 * <p>Data flow position: runs once when a store opens, before its first read or write.
 */
package dev.actr.journal.integrity;
