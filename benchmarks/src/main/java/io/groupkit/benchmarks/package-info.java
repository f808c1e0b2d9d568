/**
 * JMH benchmarks and measurement programs for GroupKit; results and the commands that reproduce
 * them are in BENCHMARKS.md at the repository's root. Not published.
 */
package io.groupkit.benchmarks;
