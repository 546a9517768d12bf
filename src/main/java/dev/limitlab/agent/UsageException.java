package dev.limitlab.agent;

/** A bad command line; the message is printed as {@code agent: <message>} and the agent exits 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
