package io.openpe.lab;

/** The lab could not build, change or remove part of the fabric; the message says which command and why. */
public final class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
