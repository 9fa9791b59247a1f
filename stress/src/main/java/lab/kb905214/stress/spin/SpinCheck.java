package lab.kb905214.stress.spin;

import java.util.ArrayList;
import java.util.List;
import lab.kb905214.results.Engine;

/**
 * One SPIN run the lab makes: which coordinator's model, with what bounds, checking what.
 *
 * @param engine buggy | fixed
 * @param scenario H1 (safety: invalid end states and assertions, the lock-order race) | H2 (liveness: every wait
 *     ends, under weak fairness)
 * @param model the model file, in the models folder
 * @param bounds sessions and transactions per session
 * @param aborts whether the connection watchers run (the protocol event that H1 needs)
 * @param liveness false: a safety search; true: the LTL property everyWaitEnds under weak fairness
 * @param allErrors go on past the first error and keep a trail of each (pan -c0 -e), to count them
 */
public record SpinCheck(
        Engine engine,
        String scenario,
        String model,
        SpinBounds bounds,
        boolean aborts,
        boolean liveness,
        boolean allErrors) {

    /** Threads in the model: the completion thread, and a session thread and a watcher per connection. */
    public int threads() {
        return 1 + bounds.sessions() * (aborts ? 2 : 1);
    }

    /** The preprocessor definitions of this run, for spin -a and for replaying its trails with spin -t. */
    public List<String> defines() {
        List<String> defines = new ArrayList<>(bounds.defines());
        defines.add("-DABORTS=" + (aborts ? 1 : 0));
        if (liveness) {
            defines.add("-DLIVENESS");
        }
        return defines;
    }

    /** What the run checks, in one line. */
    public String describe() {
        return model + " " + bounds + " (" + bounds.sessions() + " session(s) x " + bounds.transactions()
                + " transaction(s), watchers " + (aborts ? "on" : "off") + "): "
                + (liveness
                        ? "LTL everyWaitEnds ([]<>(waiters == 0)) under weak fairness"
                        : "safety (invalid end states, assertions)");
    }
}
