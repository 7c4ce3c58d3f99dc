package dev.lectern.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancel signal a caller hands to a transcode: cancelling runs every registered action at once
 * (killing ffmpeg), and an action registered after cancellation runs immediately.
 */
public final class Cancellation {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} on cancel; returns a handle that unregisters it. */
    public Runnable onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return () -> {
                    synchronized (this) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> {};
    }

    /** Throws if cancelled: called between steps. */
    public void check() {
        if (isCancelled()) {
            throw new TranscodeException(TranscodeException.Reason.CANCELLED, "cancelled");
        }
    }
}
