"""The GDPR tools: mentions of a person found, subject-access reports, erasure by
anonymisation, retention review and the audit log read back.
"""
