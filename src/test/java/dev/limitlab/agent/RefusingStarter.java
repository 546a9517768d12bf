package dev.limitlab.agent;

import java.util.ArrayList;
import java.util.List;

/** Starts real threads until it holds {@code capacity}, then refuses as the JVM does when the kernel refuses a task. */
final class RefusingStarter implements PidsWorkload.ThreadStarter {
    private final int capacity;
    private final String refusal;
    final List<Thread> threads = new ArrayList<>();
    int attempts;

    RefusingStarter(int capacity, String refusal) {
        this.capacity = capacity;
        this.refusal = refusal;
    }

    @Override
    public synchronized Thread start(Runnable body, String name) {
        attempts++;
        if (threads.size() == capacity) throw new OutOfMemoryError(refusal);
        Thread thread = PidsWorkload.startPlatformThread(body, name);
        threads.add(thread);
        return thread;
    }
}
