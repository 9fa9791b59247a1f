package lab.kb905214.bench.spf;

import lab.kb905214.senderid.spf.SpfResult;

/** Something that runs check_host() for a suite case against that case's zone: the lab's evaluator or jSPF. */
public interface SuiteEvaluator extends AutoCloseable {

    /** Evaluates {@code c} and returns its result, waiting for it if the evaluator is asynchronous. */
    SpfResult evaluate(SuiteCase c);

    /** Releases threads the evaluator owns. */
    @Override
    void close();
}
