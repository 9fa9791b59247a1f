package lab.kb905214.stress.mutants;

/**
 * M3, the registry entry removed twice. Completion removes the session's entry by key, {@code remove(session)},
 * instead of by key and check, {@code remove(session, check)}. After a teardown cancelled the check and the
 * session went on to its next transaction, the late completion of the old check removes the new check's entry; the
 * new check's own completion then finds no entry and nobody completes it: that session waits forever.
 */
final class SuccessorRemovedByStaleCompletion extends FixedBaseline {

    @Override
    protected boolean claim(Check c) {
        return pending.remove(c.session()) != null; // the mutation: whichever check the session has now
    }
}
