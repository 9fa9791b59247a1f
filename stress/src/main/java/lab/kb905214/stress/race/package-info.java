/**
 * The race catalogue: each race of the lab's model of KB905214 declared once, in types ({@link
 * lab.kb905214.stress.race.Race}, made of {@link lab.kb905214.stress.race.RaceOperation}s), with the sequential
 * {@link lab.kb905214.stress.race.CheckModel} that says what a correct coordinator may return. Lincheck's scenarios,
 * the JCStress tests and the explorer's threads are read from it.
 */
package lab.kb905214.stress.race;
