package dev.limitlab.engine;

import dev.limitlab.metrics.IsolationRun.HostReadings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host guard of an isolation experiment: reads this host's /proc/meminfo (MemAvailable) and /proc/loadavg (load,
 * task count) every tick, keeps the lowest free memory and the highest load and task count, and the first time free
 * memory falls below the floor runs the alarm (which stops the aggressor at once) and says why. The task count is
 * judged against a bound taken when the aggressor starts ({@link #boundTasks}).
 */
final class HostWatch implements AutoCloseable {
    private final Path procRoot;
    private final long floorBytes;
    private final Ticker ticker;
    private final AtomicReference<Runnable> alarm = new AtomicReference<>();
    private volatile String tripped;
    private Long lowestFree;
    private Double highestLoad;
    private Long highestTasks;
    private Long tasks;
    private Long tasksBefore;
    private Long taskBound;

    HostWatch(Path procRoot, long floorBytes, Duration interval) {
        this.procRoot = procRoot;
        this.floorBytes = floorBytes;
        this.ticker = new Ticker("limitlab-host-watch", interval, this::read);
    }

    /** Runs {@code action} as soon as free memory is below the floor (now, if it already was); replaces an earlier alarm. */
    void onFloor(Runnable action) {
        alarm.set(action);
        if (tripped != null) {
            fire();
        }
    }

    /** Why the guard fired, or null. */
    String tripped() {
        return tripped;
    }

    /**
     * Takes the host's task count now as the count before the aggressor, and {@code before + allowance} as the bound
     * its highest task count is judged against from now on.
     */
    synchronized void boundTasks(long allowance) {
        read();
        if (tasks != null) {
            tasksBefore = tasks;
            taskBound = tasks + allowance;
        }
    }

    synchronized HostReadings readings() {
        return new HostReadings(lowestFree, highestLoad, highestTasks, tasksBefore, taskBound,
                taskBound == null || highestTasks == null ? null : highestTasks <= taskBound, floorBytes);
    }

    synchronized void read() {
        try {
            Long free = memAvailable(Files.readString(procRoot.resolve("meminfo")));
            String[] load = Files.readString(procRoot.resolve("loadavg")).trim().split("\\s+");
            if (free != null) {
                lowestFree = lowestFree == null ? free : Math.min(lowestFree, free);
                if (free < floorBytes && tripped == null) {
                    tripped = "host free memory " + (free >> 20) + " MiB fell below the floor of " + (floorBytes >> 20)
                            + " MiB: the aggressor was stopped at once";
                    fire();
                }
            }
            double load1 = Double.parseDouble(load[0]);
            highestLoad = highestLoad == null ? load1 : Math.max(highestLoad, load1);
            tasks = Long.parseLong(load[3].substring(load[3].indexOf('/') + 1)); // running/total
            highestTasks = highestTasks == null ? tasks : Math.max(highestTasks, tasks);
        } catch (IOException | RuntimeException unreadable) {
            // not a Linux /proc: no host readings, no guard on memory
        }
    }

    private void fire() {
        Runnable action = alarm.getAndSet(null);
        if (action != null) {
            try {
                action.run();
            } catch (RuntimeException alreadyGone) {
                // the aggressor had already ended
            }
        }
    }

    /** MemAvailable from /proc/meminfo, in bytes; null when absent (kernels before 3.14). */
    static Long memAvailable(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // kB
            }
        }
        return null;
    }

    @Override
    public void close() {
        ticker.close();
    }
}
