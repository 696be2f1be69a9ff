"""Organisations and people: their records, the lists the app shows, duplicates found
and merged.
"""
