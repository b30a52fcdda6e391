package com.acme.orders;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A work order as the product (an ERP) holds it. */
public record WorkOrder(
        String number, String siteAddress, boolean repair, String summary, OffsetDateTime from, OffsetDateTime to) {
    public WorkOrder {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(siteAddress, "siteAddress");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
