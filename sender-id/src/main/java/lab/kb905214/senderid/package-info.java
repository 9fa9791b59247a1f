/** The Sender ID core: SPF (RFC 7208), PRA (RFC 4407) and Sender ID (RFC 4406) over dnsjava. */
package lab.kb905214.senderid;
