/** JMH benchmarks and timed runs of the lab against its peers (Apache James jSPF, a bare SubEtha server). */
package lab.kb905214.bench;
