package dev.lectern.infra.config;

/** A setting or an external service is wrong; the message is one line meant for the operator. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
