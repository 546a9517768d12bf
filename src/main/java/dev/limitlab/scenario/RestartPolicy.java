package dev.limitlab.scenario;

/** {@code --restart}: {@code no}, {@code on-failure[:N]}, {@code always} or {@code unless-stopped}. */
public record RestartPolicy(String name, int maximumRetryCount) {
    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public RestartPolicy {
        if (!name.equals("no") && !name.equals("on-failure") && !name.equals("always") && !name.equals("unless-stopped")) {
            throw new IllegalArgumentException("unknown restart policy " + name);
        }
        if (maximumRetryCount < 0) throw new IllegalArgumentException("restart count must be >= 0");
        if (maximumRetryCount > 0 && !name.equals("on-failure")) {
            throw new IllegalArgumentException("only on-failure takes a retry count");
        }
    }

    /** Reads the docker CLI's spelling, e.g. {@code on-failure:3}; IllegalArgumentException for anything else. */
    public static RestartPolicy parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new RestartPolicy(text, 0);
        }
        try {
            return new RestartPolicy(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException notACount) {
            throw new IllegalArgumentException("restart count " + text.substring(colon + 1) + " is not a whole number");
        }
    }

    /** As the docker CLI spells it, e.g. {@code on-failure:3}. */
    @Override public String toString() {
        return name.equals("on-failure") && maximumRetryCount > 0 ? name + ":" + maximumRetryCount : name;
    }
}
