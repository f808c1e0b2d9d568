/**
 * Helpers shared by the testkit's simulators. Not an API: anything here may change in any release.
 */
@NullMarked
package io.groupkit.testkit.internal;

import org.jspecify.annotations.NullMarked;
