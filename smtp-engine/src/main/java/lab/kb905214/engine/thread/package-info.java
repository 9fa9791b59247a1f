/** The engine's threads by role: how they are named, and how a thread dump's names are read back. */
package lab.kb905214.engine.thread;
