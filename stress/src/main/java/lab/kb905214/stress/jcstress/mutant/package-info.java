/**
 * JCStress tests of whichever coordinator the system property {@code lab.mutant.class} names (engine-fixed's, with
 * its wait unbounded, when it is unset): the JCStress column of the mutant kill matrix.
 *
 * <p>Each test checks one promise of the fixed coordinator, so that each plausible mistake breaks at least one: the
 * two paths racing (H1), the waiter racing the verdict (H2) and the error outcome, the waiter racing the
 * cancellation, a repeated teardown, and a late completion of a torn-down check. Every call that may throw is
 * recorded, so an exception shows as a forbidden outcome; a lost outcome leaves a waiter blocked (the waits are
 * unbounded on purpose), which shows as STALE or as a hung fork. The lab's normal JCStress run does not select this
 * package; {@code MutantJcstressTest} (stress test code) runs it once per mutant.
 */
package lab.kb905214.stress.jcstress.mutant;
