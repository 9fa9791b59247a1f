/**
 * Real DNS daemons a test starts and stops itself: NSD (authoritative) and Unbound (caching resolver), each with
 * its own config in a temporary folder, listening on 127.0.0.1 at a free high port, stopped by its pid.
 */
package lab.kb905214.senderid.dns.server.process;
