package dev.lectern.speech.engine;

/** A recognition engine failed on a chunk: it exited with an error, timed out or was stopped. */
public class RecognitionException extends Exception {
    public RecognitionException(String message) {
        super(message);
    }

    public RecognitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
