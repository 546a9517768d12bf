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

    /** As the docker CLI spells it, e.g. {@code on-failure:3}. */
    @Override public String toString() {
        return name.equals("on-failure") && maximumRetryCount > 0 ? name + ":" + maximumRetryCount : name;
    }
}
