"""Contacts in and out: CSV and vCard files read into a preview, planned against the
database, written all or nothing; people exported in the same formats.
"""
