/**
 * Log capture for tests: {@link io.groupkit.testkit.logs.CapturedLogs} records every SLF4J line of
 * a test run so a test can prove that no secret or phone number was logged.
 */
@NullMarked
package io.groupkit.testkit.logs;

import org.jspecify.annotations.NullMarked;
