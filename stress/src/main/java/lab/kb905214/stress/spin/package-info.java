/**
 * The SPIN harness: runs the Promela models of both coordinators (stress/src/main/promela) through spin, gcc and
 * pan under a watchdog, reads pan's verdict, classifies each trail's final state, and writes spin results files.
 */
package lab.kb905214.stress.spin;
