"""Calendar files: invitations, updates, cancellations and withdrawal notices written as
iCalendar (RFC 5545/5546) and iMIP e-mail drafts; replies and a host's own invitations read back in.
"""
