/**
 * The Purported Responsible Address of a message (RFC 4407 §2): which header names the party responsible for
 * its latest delivery, and the mailbox in it; see {@link lab.kb905214.senderid.pra.PraExtractor}.
 */
package lab.kb905214.senderid.pra;
