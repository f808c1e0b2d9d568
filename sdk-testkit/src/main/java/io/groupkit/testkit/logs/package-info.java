/**
 * Log capture for tests: {@link io.groupkit.testkit.logs.CapturedLogs} records every SLF4J line of
 * a test run so a test can prove that no secret or phone number was logged.
 */
package io.groupkit.testkit.logs;
