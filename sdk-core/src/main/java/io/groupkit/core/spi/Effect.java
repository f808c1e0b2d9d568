package io.groupkit.core.spi;

/**
 * What a lost answer of a provider-specific operation may mean
 * ({@link ProviderClient#execute}): whether it could have changed something.
 */
public enum Effect {
    /**
     * It reads, or doing it twice leaves the same state as once (setting the same picture): a call
     * that fails in the connector or times out is {@link io.groupkit.core.Unavailable}, safe to repeat.
     */
    SAFE_TO_REPEAT,
    /**
     * It changes something, and a lost answer may hide a change that was made: such a call is
     * {@link io.groupkit.core.Indeterminate}, to be checked before it is repeated.
     */
    CHANGES
}
