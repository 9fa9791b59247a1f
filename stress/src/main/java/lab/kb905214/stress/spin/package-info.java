/**
 * The SPIN harness: runs the Promela models of both coordinators (stress/src/main/promela) through spin, gcc and
 * pan under a watchdog, reads pan's verdict, classifies each trail's final state, replays each trail of a 1x1 run on
 * the real engine (as {@code lab replay --order} does), counts the explorer's leaves in the models built with
 * {@code -DEXPLORER}, and writes spin results files.
 */
package lab.kb905214.stress.spin;
