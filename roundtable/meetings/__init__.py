"""Roundtables and what happens at them: the lifecycle (draft, scheduled, postponed,
cancelled, held), invitations with their history, question lists, minutes and follow-ups.
"""
