/**
 * The SMTP virtual server both engines share: SubEtha SMTP sessions, the Sender ID stage at the end of DATA, the
 * completion thread and the limits; the race itself is left to the {@link lab.kb905214.engine.check.CheckCoordinator}
 * installed at {@link lab.kb905214.engine.smtp.VirtualServer#start}.
 */
package lab.kb905214.engine.smtp;
