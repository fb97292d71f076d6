/**
 * Test helpers shared by the lane tests: credentials, recording ingress, awaiting conditions.
 */
package dev.actr.lanes.testing;
