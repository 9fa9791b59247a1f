package lab.kb905214.reports.results;

import java.util.List;

/** Which build a results file must come from: the reasons {@code run} is not of it (empty when it is). */
@FunctionalInterface
public interface BuildCheck {
    /** The check when nothing names a build: every file then fails for its missing build id elsewhere. */
    BuildCheck NONE = run -> List.of();

    /** Why {@code run} is not a result of the build(s) being judged, if it is not. */
    List<String> check(HarnessRun run);
}
