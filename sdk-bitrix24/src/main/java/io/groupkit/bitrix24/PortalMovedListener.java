package io.groupkit.bitrix24;

/** Told when a portal answers 302 with a new address, which the client then keeps using. */
@FunctionalInterface
public interface PortalMovedListener {

    /**
     * The portal moved.
     *
     * @param oldBase the address the client used (secrets removed)
     * @param newBase the address it uses from now on (secrets removed)
     */
    void moved(String oldBase, String newBase);
}
