/**
 * Test support shared by the modules' tests, published in the journal's test-jar (the engine's tests use it as a
 * test-scoped dependency). {@link dev.actr.journal.testing.ChildJvm} starts the child JVM a crash test kills.
 *
 * <p>Data flow position: none; test code only, never in a runtime jar.
 */
package dev.actr.journal.testing;
