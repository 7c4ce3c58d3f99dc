package dev.lectern.infra.media;

/**
 * A process for {@link ChildProcessesTest}: starts {@code sleep 600} through {@link
 * ChildProcesses} from a virtual thread, prints the child's pid and waits to be killed.
 */
public final class ChildSpawnerMain {
    private ChildSpawnerMain() {}

    public static void main(String[] args) throws Exception {
        Process[] child = new Process[1];
        Thread.ofVirtual()
                .start(
                        () -> {
                            try {
                                child[0] = ChildProcesses.start(new ProcessBuilder("sleep", "600"));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .join();
        System.out.println("CHILD " + child[0].pid());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
