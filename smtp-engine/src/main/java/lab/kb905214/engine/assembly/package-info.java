/**
 * The product put together: a DNS client, the Sender ID check over it and a virtual server around an engine's
 * coordinator, wired in one place for the harnesses, {@code lab serve} and a deployment alike.
 */
package lab.kb905214.engine.assembly;
