/** The message store: a Maildir, and the spool a message is read into before it is delivered or dropped. */
package lab.kb905214.engine.store;
