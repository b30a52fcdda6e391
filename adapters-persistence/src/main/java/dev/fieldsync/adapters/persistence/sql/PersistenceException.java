package dev.fieldsync.adapters.persistence.sql;

/** A database call failed; the message names the operation, the cause holds the driver's error. */
public class PersistenceException extends RuntimeException {
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
