package io.groupkit.core.spi;

/**
 * What a lost answer of a provider-specific operation may mean
 * ({@link ProviderClient#execute}): whether it could have changed something.
 */
public enum Effect {
    /**
     * It reads, or doing it twice leaves the same state as once (setting the same picture): a call
     * that fails in the adapter or times out is {@link io.groupkit.core.Unavailable}, safe to repeat.
     */
    SAFE_TO_REPEAT,
    /**
     * It changes something, and a lost answer may hide a change that was made: such a call is
     * {@link io.groupkit.core.Indeterminate}, to be checked before it is repeated.
     */
    CHANGES,
    /**
     * It creates something that has no name of ours to look it up by (a new group): a lost answer is
     * {@link io.groupkit.core.Indeterminate}, and so is an answer that asks to try again (Green-API's
     * 502 after {@code createGroup}), because a creation may have followed it; only a call known not to
     * have left is sent again.
     */
    CREATES;

    /**
     * Whether a lost answer may hide a change.
     *
     * @return {@code true} unless the call is {@link #SAFE_TO_REPEAT}
     */
    public boolean mayChange() {
        return this != SAFE_TO_REPEAT;
    }
}
