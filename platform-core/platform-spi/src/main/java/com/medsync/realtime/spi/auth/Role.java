package com.medsync.realtime.spi.auth;

import java.util.Locale;
import java.util.Optional;

/** The roles a MedSync token can carry in its {@code role} claim. */
public enum Role {
    PATIENT,
    PHARMACY,
    RIDER,
    ADMIN;

    /** @return the claim value, lower case, as tokens carry it */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the role named by a claim value, or empty when the value is not a known role */
    public static Optional<Role> fromWireName(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
