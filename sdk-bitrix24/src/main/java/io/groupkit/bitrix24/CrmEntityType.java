package io.groupkit.bitrix24;

import java.util.Locale;

/** The CRM items an open-line chat can belong to. */
public enum CrmEntityType {
    /** A lead. */
    LEAD,
    /** A deal. */
    DEAL,
    /** A company. */
    COMPANY,
    /** A contact. */
    CONTACT;

    /**
     * The name Bitrix24 expects in {@code CRM_ENTITY_TYPE}.
     *
     * @return such as {@code deal}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
