/**
 * Helpers shared by the testkit's simulators. Not an API: anything here may change in any release.
 */
package io.groupkit.testkit.internal;
