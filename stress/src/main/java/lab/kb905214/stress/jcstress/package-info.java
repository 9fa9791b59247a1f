/**
 * The JCStress harness: stress tests of both coordinators (H2 in Mode.Termination, H1 as an actor pair, the fixed
 * coordinator's outcomes), and the runner that runs them within a time budget under a watchdog and turns JCStress's
 * console output into the lab's results files.
 *
 * <p>The tests live in src/main/java because JCStress's annotation processor generates their runners there; the
 * build shades them into target/jcstress.jar and {@link lab.kb905214.stress.jcstress.JcstressRunner} runs that jar in
 * the integration-test phase.
 */
package lab.kb905214.stress.jcstress;
