/**
 * The header section of an RFC 5322 message: reading it from a stream within limits ({@link
 * lab.kb905214.senderid.headers.HeaderReader}) and parsing the mailboxes of an address header ({@link
 * lab.kb905214.senderid.headers.AddressParser}).
 */
package lab.kb905214.senderid.headers;
