/**
 * An embedded authoritative DNS server for tests and the lab: zones from OpenSPF YAML or RFC 1035 master
 * files, served over UDP and TCP on 127.0.0.1 with per-name fault injection (timeouts, SERVFAIL, latency).
 */
package lab.kb905214.senderid.dns.server;
