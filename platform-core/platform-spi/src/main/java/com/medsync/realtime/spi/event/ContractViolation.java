package com.medsync.realtime.spi.event;

/**
 * A published payload that breaks the event contract, answered 422 with the field named.
 */
public class ContractViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the JSON path of the offending field, relative to {@code data} (such as
     *                {@code pharmacy.id}); empty for the payload as a whole
     * @param message what is wrong, for people
     */
    public ContractViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the JSON path of the offending field relative to {@code data} */
    public String field() {
        return field;
    }
}
